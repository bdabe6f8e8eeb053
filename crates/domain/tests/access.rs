//! The authorization policy as a table: every action, for every kind of party and role, and
//! the answer it gets. A change of a rule changes one cell here.

use domain::access::{
    Action, Actor, EventReach, LotView, UserId, event_reach, lot_view, may, sees_event,
    sees_request, sees_round, sees_shipment, sees_thread, sees_webhook,
};
use domain::audit::ObjectKind;
use domain::cooperation::shipment::ShipmentAction;
use domain::ledger::{MovementKind, PartyCode};
use domain::party::{PartyKind, Role};

fn actor(kind: PartyKind, role: Role) -> Actor {
    let code = match kind {
        PartyKind::Country => "ETH",
        PartyKind::Manufacturer => "maker",
        PartyKind::Organization => "covax",
    };
    Actor {
        user: UserId(1),
        party: PartyCode::parse(code).unwrap(),
        party_kind: kind,
        role,
    }
}

/// `.` allowed, `V` viewer refused, `A` administrator refused, `K` wrong party kind,
/// `C` only countries administer, `O` administrators only, `T` not your token,
/// `G` organizations only, `N` only one party of the object.
fn cell(result: Result<(), domain::access::Denied>) -> char {
    use domain::access::Denied::*;
    match result {
        Ok(()) => '.',
        Err(ViewerCannotAct) => 'V',
        Err(AdministratorDoesNotAct) => 'A',
        Err(PartyKindMayNot { .. }) => 'K',
        Err(OnlyCountriesAdminister) => 'C',
        Err(AdministratorsOnly) => 'O',
        Err(NotYourToken) => 'T',
        Err(OrganizationsOnly) => 'G',
        Err(OnlyThem { .. }) => 'N',
    }
}

fn code(text: &str) -> PartyCode {
    PartyCode::parse(text).unwrap()
}

fn shipment(action: ShipmentAction) -> Action {
    Action::ActOnShipment {
        action,
        from: code("maker"),
        to: code("ETH"),
    }
}

#[test]
fn who_may_do_what() {
    let actions: Vec<(&str, Action)> = vec![
        ("create product", Action::CreateProduct),
        ("register lot", Action::RegisterLot),
        ("reserve", Action::Move(MovementKind::Reserve)),
        ("ship", Action::Move(MovementKind::Ship)),
        ("administer", Action::Move(MovementKind::Administer)),
        ("waste", Action::Move(MovementKind::Waste)),
        ("create party", Action::CreateParty),
        ("create user", Action::CreateUser),
        ("disable user", Action::DisableUser),
        ("issue token", Action::IssueToken),
        ("revoke own token", Action::RevokeToken { owner: UserId(1) }),
        (
            "revoke other's token",
            Action::RevokeToken { owner: UserId(2) },
        ),
        (
            "list other's tokens",
            Action::ListTokens { owner: UserId(2) },
        ),
        ("read audit", Action::ReadAudit),
        ("read whole journal", Action::ReadWholeJournal),
        ("create request", Action::CreateRequest),
        (
            "withdraw ETH request",
            Action::WithdrawRequest {
                country: code("ETH"),
            },
        ),
        ("create pledge", Action::CreatePledge),
        (
            "withdraw maker pledge",
            Action::WithdrawPledge {
                donor: code("maker"),
            },
        ),
        ("plan shipment", Action::PlanShipment),
        ("dispatch maker>ETH", shipment(ShipmentAction::Dispatch)),
        ("cancel maker>ETH", shipment(ShipmentAction::Cancel)),
        ("confirm maker>ETH", shipment(ShipmentAction::Confirm)),
        ("create round", Action::CreateRound),
        (
            "edit covax round",
            Action::EditRound {
                organization: code("covax"),
            },
        ),
        (
            "answer ETH share",
            Action::RespondToShare {
                country: code("ETH"),
            },
        ),
        ("propose at-risk doses", Action::ProposeRedistribution),
        ("set capacity", Action::SetCapacity),
        ("create offer", Action::CreateOffer),
        ("accept open offer", Action::AcceptOffer { to: None }),
        (
            "accept offer to ETH",
            Action::AcceptOffer {
                to: Some(code("ETH")),
            },
        ),
        ("decline open offer", Action::DeclineOffer { to: None }),
        (
            "decline offer to ETH",
            Action::DeclineOffer {
                to: Some(code("ETH")),
            },
        ),
        (
            "withdraw maker offer",
            Action::WithdrawOffer {
                manufacturer: code("maker"),
            },
        ),
        (
            "propose maker>ETH",
            Action::CreateAgreement {
                supplier: code("maker"),
                recipient: code("ETH"),
            },
        ),
        (
            "sign ETH's maker>ETH",
            Action::SignAgreement {
                supplier: code("maker"),
                recipient: code("ETH"),
                proposed_by: code("ETH"),
            },
        ),
        (
            "cancel maker>ETH deal",
            Action::CancelAgreement {
                supplier: code("maker"),
                recipient: code("ETH"),
            },
        ),
        (
            "move maker+ETH plant",
            Action::ActOnPartnership {
                manufacturer: code("maker"),
                partner: code("ETH"),
            },
        ),
        ("create meeting", Action::CreateMeeting),
        (
            "link covax outcome",
            Action::LinkOutcome {
                organization: code("covax"),
            },
        ),
        ("create thread", Action::CreateThread),
        ("post message", Action::PostMessage),
        ("manage webhooks", Action::ManageWebhooks),
    ];
    let columns = [
        (PartyKind::Country, Role::Official),
        (PartyKind::Country, Role::Viewer),
        (PartyKind::Manufacturer, Role::Official),
        (PartyKind::Manufacturer, Role::Viewer),
        (PartyKind::Organization, Role::Official),
        (PartyKind::Organization, Role::Admin),
    ];
    let table: Vec<String> = actions
        .iter()
        .map(|(name, action)| {
            let cells: String = columns
                .iter()
                .map(|(kind, role)| cell(may(&actor(*kind, *role), action)))
                .collect();
            format!("{name:<22} {cells}")
        })
        .collect();
    // Columns: country official, country viewer, manufacturer official, manufacturer
    // viewer, organization official, administrator (of the operator organization).
    let expected = [
        "create product         KV.VKA".to_owned(),
        "register lot           KV.VKA".to_owned(),
        "reserve                .V.V.A".to_owned(),
        "ship                   .V.V.A".to_owned(),
        "administer             .VCVCA".to_owned(),
        "waste                  .V.V.A".to_owned(),
        "create party           OOOOO.".to_owned(),
        "create user            OOOOO.".to_owned(),
        "disable user           OOOOO.".to_owned(),
        "issue token            ......".to_owned(),
        "revoke own token       ......".to_owned(),
        "revoke other's token   TTTTT.".to_owned(),
        "list other's tokens    TTTTT.".to_owned(),
        "read audit             ......".to_owned(),
        "read whole journal     GGGG..".to_owned(),
        "create request         .VKVKA".to_owned(),
        "withdraw ETH request   .VNVNA".to_owned(),
        "create pledge          .V.V.A".to_owned(),
        "withdraw maker pledge  NV.VNA".to_owned(),
        "plan shipment          .V.V.A".to_owned(),
        "dispatch maker>ETH     NV.VNA".to_owned(),
        "cancel maker>ETH       NV.VNA".to_owned(),
        "confirm maker>ETH      .VNVNA".to_owned(),
        "create round           KVKV.A".to_owned(),
        "edit covax round       NVNV.A".to_owned(),
        "answer ETH share       .VNVNA".to_owned(),
        "propose at-risk doses  .V.V.A".to_owned(),
        "set capacity           KV.VKA".to_owned(),
        "create offer           KV.VKA".to_owned(),
        "accept open offer      .VNV.A".to_owned(),
        "accept offer to ETH    .VNVNA".to_owned(),
        "decline open offer     NVNVNA".to_owned(),
        "decline offer to ETH   .VNVNA".to_owned(),
        "withdraw maker offer   NV.VNA".to_owned(),
        "propose maker>ETH      .V.VNA".to_owned(),
        "sign ETH's maker>ETH   NV.VNA".to_owned(),
        "cancel maker>ETH deal  .V.VNA".to_owned(),
        "move maker+ETH plant   .V.VNA".to_owned(),
        "create meeting         KVKV.A".to_owned(),
        "link covax outcome     NVNV.A".to_owned(),
        "create thread          .V.V.A".to_owned(),
        "post message           .V.V.A".to_owned(),
        "manage webhooks        .V.V.A".to_owned(),
    ];
    assert_eq!(table, expected, "\n{}", table.join("\n"));
}

#[test]
fn what_each_party_sees_of_a_lot() {
    let maker = PartyCode::parse("maker").unwrap();
    let rival = PartyCode::parse("rival").unwrap();
    let country = actor(PartyKind::Country, Role::Official);
    let organization = actor(PartyKind::Organization, Role::Viewer);
    let manufacturer = actor(PartyKind::Manufacturer, Role::Official);
    assert_eq!(lot_view(&organization, &maker, None), LotView::Full);
    assert_eq!(lot_view(&manufacturer, &maker, None), LotView::Full);
    assert_eq!(lot_view(&manufacturer, &rival, None), LotView::Hidden);
    assert_eq!(lot_view(&country, &maker, None), LotView::Hidden);
    assert_eq!(
        lot_view(&country, &maker, Some(0)),
        LotView::Holder { holds_doses: false }
    );
    assert_eq!(
        lot_view(&country, &maker, Some(5)),
        LotView::Holder { holds_doses: true }
    );
}

#[test]
fn events_are_read_by_the_parties_concerned_and_organizations() {
    let eth = PartyCode::parse("ETH").unwrap();
    let fra = PartyCode::parse("FRA").unwrap();
    let country = actor(PartyKind::Country, Role::Viewer);
    let organization = actor(PartyKind::Organization, Role::Viewer);
    let admin = actor(PartyKind::Organization, Role::Admin);
    // (reader, object kind, parties concerned, sees it): threads and messages are their
    // parties' own, organizations and administrators included.
    let rows = [
        (&country, ObjectKind::Lot, &eth, true),
        (&country, ObjectKind::Lot, &fra, false),
        (&organization, ObjectKind::Lot, &fra, true),
        (&country, ObjectKind::Thread, &eth, true),
        (&country, ObjectKind::Thread, &fra, false),
        (&organization, ObjectKind::Thread, &fra, false),
        (&organization, ObjectKind::Message, &fra, false),
        (&admin, ObjectKind::Thread, &fra, false),
        (&organization, ObjectKind::Thread, &code("covax"), true),
    ];
    for (reader, kind, party, expected) in rows {
        assert_eq!(
            sees_event(reader, kind, std::slice::from_ref(party)),
            expected,
            "{:?} {kind} about {party}",
            reader.party_kind
        );
    }
    assert_eq!(event_reach(&country), EventReach::Concerning(eth));
    assert_eq!(
        event_reach(&organization),
        EventReach::AllButOthersPrivate(code("covax"))
    );
}

#[test]
fn threads_are_read_by_their_parties_only() {
    let in_it = [code("ETH"), code("maker")];
    assert!(sees_thread(
        &actor(PartyKind::Country, Role::Viewer),
        &in_it
    ));
    assert!(sees_thread(
        &actor(PartyKind::Manufacturer, Role::Official),
        &in_it
    ));
    assert!(!sees_thread(
        &actor(PartyKind::Organization, Role::Official),
        &in_it
    ));
    assert!(!sees_thread(
        &actor(PartyKind::Organization, Role::Admin),
        &in_it
    ));
}

#[test]
fn offers_and_agreements_are_read_by_their_parties_and_organizations() {
    use domain::access::{sees_agreement, sees_offer};
    let (maker, eth) = (code("maker"), code("ETH"));
    let country = actor(PartyKind::Country, Role::Viewer);
    let manufacturer = actor(PartyKind::Manufacturer, Role::Official);
    let organization = actor(PartyKind::Organization, Role::Viewer);
    let rival = Actor {
        party: code("rival"),
        ..manufacturer.clone()
    };
    let chad = Actor {
        party: code("TCD"),
        ..country.clone()
    };
    // An offer open to all: countries and organizations read it, rival makers do not.
    assert!(sees_offer(&chad, &maker, None));
    assert!(sees_offer(&organization, &maker, None));
    assert!(sees_offer(&manufacturer, &maker, None));
    assert!(!sees_offer(&rival, &maker, None));
    // An offer to Ethiopia: Ethiopia, its maker and organizations.
    assert!(sees_offer(&country, &maker, Some(&eth)));
    assert!(!sees_offer(&chad, &maker, Some(&eth)));
    assert!(sees_agreement(&country, &maker, &eth));
    assert!(sees_agreement(&organization, &maker, &eth));
    assert!(!sees_agreement(&chad, &maker, &eth));
    assert!(!sees_agreement(&rival, &maker, &eth));
}

#[test]
fn requests_and_shipments_are_read_by_their_parties_and_organizations() {
    let country = actor(PartyKind::Country, Role::Viewer);
    let manufacturer = actor(PartyKind::Manufacturer, Role::Official);
    let organization = actor(PartyKind::Organization, Role::Viewer);
    assert!(sees_request(&country, &code("ETH")));
    assert!(!sees_request(&country, &code("TCD")));
    assert!(!sees_request(&manufacturer, &code("ETH")));
    assert!(sees_request(&organization, &code("TCD")));
    assert!(sees_shipment(&manufacturer, &code("maker"), &code("TCD")));
    assert!(sees_shipment(&country, &code("maker"), &code("ETH")));
    assert!(!sees_shipment(&country, &code("maker"), &code("TCD")));
    assert!(sees_shipment(&organization, &code("maker"), &code("TCD")));
}

#[test]
fn a_draft_round_is_read_by_its_organization_and_its_parties_a_published_one_by_anyone() {
    let country = actor(PartyKind::Country, Role::Viewer);
    let other_organization = Actor {
        party: code("unicef"),
        ..actor(PartyKind::Organization, Role::Official)
    };
    let pool = [code("ETH")];
    assert!(sees_round(
        Some(&actor(PartyKind::Organization, Role::Official)),
        &code("covax"),
        &[],
        false
    ));
    assert!(sees_round(Some(&country), &code("covax"), &pool, false));
    assert!(!sees_round(
        Some(&country),
        &code("covax"),
        &[code("TCD")],
        false
    ));
    assert!(!sees_round(
        Some(&other_organization),
        &code("covax"),
        &pool,
        false
    ));
    assert!(!sees_round(None, &code("covax"), &pool, false));
    assert!(sees_round(None, &code("covax"), &pool, true));
}

#[test]
fn a_webhook_is_read_by_its_own_party_only() {
    let country = actor(PartyKind::Country, Role::Viewer);
    assert!(sees_webhook(&country, &code("ETH")));
    assert!(!sees_webhook(&country, &code("TCD")));
    // Organizations oversee the ledger, not other parties' programs.
    assert!(!sees_webhook(
        &actor(PartyKind::Organization, Role::Official),
        &code("ETH")
    ));
}
