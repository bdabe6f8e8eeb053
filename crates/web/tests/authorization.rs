//! The authorization matrix, on both backends: every operation of the OpenAPI document and
//! every page route, asked by every kind of caller (anonymous, each role of each party kind,
//! another party's official of each kind, a disabled user, a revoked and an expired
//! credential) about an object of the caller's own party, another party's and a missing one.
//!
//! Nothing in the matrix is a hand-typed status: each row states its rule (who passes its
//! gate, which objects it touches, who may act on them), each object's readers come from
//! cooperation.md's "Who sees what" written down below as data, and the expected answer of
//! every cell is derived from those. A route in the API document or in a page router without
//! a row fails the test by name; the whole matrix is an insta snapshot, so that a change of
//! any cell is reviewed.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::{Answer, send};
use domain::access::UserId;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use serde_json::{Value, json};
use store::{Store, StoreError, store_test};
use web::AppState;

const PASSWORD: &str = "a long test password";
/// The user whose email and password the sign-in rows send (whoever sends them).
const SIGNER: &str = "signer@x.example";
/// The id, or the code, that no object has.
const MISSING_ID: &str = "999999";

// ---------------------------------------------------------------------------------------
// Who sees what: cooperation.md, section "Who sees what" (and platform.md for the objects
// that section leaves to it: lots, webhooks, tokens, users), as data.
// ---------------------------------------------------------------------------------------

/// Who reads an object of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadBy {
    /// Anyone, anonymous visitors included.
    Everyone,
    /// The object's parties (every role of them) and every organization.
    PartiesAndOrganizations,
    /// The object's parties only: no exception for organizations or administrators.
    PartiesOnly,
    /// The user it belongs to, and administrators.
    UserAndAdministrators,
    /// Administrators only.
    Administrators,
}

/// (object kind, who reads it, the words of the specification it transcribes).
const WHO_SEES_WHAT: &[(&str, ReadBy, &str)] = &[
    (
        "request",
        ReadBy::PartiesAndOrganizations,
        "cooperation.md: request | the requesting country, organizations",
    ),
    (
        "pledge",
        ReadBy::Everyone,
        "cooperation.md: pledge, capacity, partnership stage, meeting outcomes, pledge fulfilment | everyone, anonymous included",
    ),
    (
        "partnership",
        ReadBy::Everyone,
        "cooperation.md: pledge, capacity, partnership stage, meeting outcomes, pledge fulfilment | everyone, anonymous included",
    ),
    (
        "meeting",
        ReadBy::Everyone,
        "cooperation.md: pledge, capacity, partnership stage, meeting outcomes, pledge fulfilment | everyone, anonymous included",
    ),
    (
        "round (draft)",
        ReadBy::PartiesOnly,
        "cooperation.md: round (with its shares) | its organization and the parties in its pool or its requests while a draft",
    ),
    (
        "round (published)",
        ReadBy::Everyone,
        "cooperation.md: round (with its shares) | anyone once published (the proposal, its input, its certificate and the responses)",
    ),
    (
        "share (answered by its country)",
        ReadBy::PartiesOnly,
        "cooperation.md: POST /api/v1/rounds/{id}/responses by a recipient's official: a party without a share has none to answer",
    ),
    (
        "offer",
        ReadBy::PartiesAndOrganizations,
        "cooperation.md: offer, agreement, shipment | the two parties and organizations",
    ),
    (
        "agreement",
        ReadBy::PartiesAndOrganizations,
        "cooperation.md: offer, agreement, shipment | the two parties and organizations",
    ),
    (
        "shipment",
        ReadBy::PartiesAndOrganizations,
        "cooperation.md: offer, agreement, shipment | the two parties and organizations",
    ),
    (
        "thread",
        ReadBy::PartiesOnly,
        "cooperation.md: thread, message | the parties in the thread only (no exception for organizations or admins)",
    ),
    (
        "audit events",
        ReadBy::PartiesAndOrganizations,
        "cooperation.md: audit events | the parties concerned by the object, organizations",
    ),
    (
        "lot",
        ReadBy::PartiesAndOrganizations,
        "platform.md: GET /api/v1/lots/{id} | its manufacturer, parties holding doses of it, organizations",
    ),
    (
        "webhook",
        ReadBy::PartiesOnly,
        "cooperation.md: a party's programs are its own (webhooks); no exception for organizations",
    ),
    (
        "token",
        ReadBy::UserAndAdministrators,
        "platform.md: bearer tokens act as their user; a user revokes their own, an administrator anyone's",
    ),
    (
        "user",
        ReadBy::Administrators,
        "platform.md: admin runs the platform: creates parties and users",
    ),
    (
        "party",
        ReadBy::Everyone,
        "platform.md: GET /api/v1/parties/{code} | anyone | public facts of parties",
    ),
    (
        "product",
        ReadBy::Everyone,
        "platform.md: products are public facts of their manufacturer",
    ),
];

fn read_by(kind: &str) -> ReadBy {
    WHO_SEES_WHAT
        .iter()
        .find(|(name, _, _)| *name == kind)
        .unwrap_or_else(|| panic!("{kind} is not in WHO_SEES_WHAT"))
        .1
}

// ---------------------------------------------------------------------------------------
// The callers.
// ---------------------------------------------------------------------------------------

/// Whether the caller's credential is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// No credential at all.
    Anonymous,
    /// A working token and session.
    Valid,
    /// A token revoked and a session signed out.
    Revoked,
    /// The user's account is disabled (its token and a session made after disabling).
    Disabled,
    /// A token and a session past their expiry.
    Expired,
}

#[derive(Debug, Clone, Copy)]
struct Caller {
    /// Its name in failure messages.
    name: &'static str,
    /// Its column in the snapshot.
    short: &'static str,
    /// Its party, the party's kind and its role (none when anonymous).
    party: &'static str,
    kind: Option<PartyKind>,
    role: Option<Role>,
    standing: Standing,
}

const fn caller(
    name: &'static str,
    short: &'static str,
    party: &'static str,
    kind: PartyKind,
    role: Role,
    standing: Standing,
) -> Caller {
    Caller {
        name,
        short,
        party,
        kind: Some(kind),
        role: Some(role),
        standing,
    }
}

use PartyKind::{Country, Manufacturer, Organization};
use Standing::{Disabled, Expired, Revoked, Valid};

/// Party A of each kind (ETH, maker, covax) owns the world's objects; party B (TCD, rival,
/// unicef) is another party of the same kind.
const CALLERS: [Caller; 16] = [
    Caller {
        name: "anonymous",
        short: "anon",
        party: "",
        kind: None,
        role: None,
        standing: Standing::Anonymous,
    },
    caller(
        "a revoked token / signed-out session",
        "revoked",
        "ETH",
        Country,
        Role::Official,
        Revoked,
    ),
    caller(
        "a disabled user",
        "disabled",
        "ETH",
        Country,
        Role::Official,
        Disabled,
    ),
    caller(
        "an expired token / session",
        "expired",
        "ETH",
        Country,
        Role::Official,
        Expired,
    ),
    caller(
        "the country's official",
        "C.off",
        "ETH",
        Country,
        Role::Official,
        Valid,
    ),
    caller(
        "the country's viewer",
        "C.view",
        "ETH",
        Country,
        Role::Viewer,
        Valid,
    ),
    caller(
        "the country's admin",
        "C.adm",
        "ETH",
        Country,
        Role::Admin,
        Valid,
    ),
    caller(
        "the manufacturer's official",
        "M.off",
        "maker",
        Manufacturer,
        Role::Official,
        Valid,
    ),
    caller(
        "the manufacturer's viewer",
        "M.view",
        "maker",
        Manufacturer,
        Role::Viewer,
        Valid,
    ),
    caller(
        "the manufacturer's admin",
        "M.adm",
        "maker",
        Manufacturer,
        Role::Admin,
        Valid,
    ),
    caller(
        "the organization's official",
        "O.off",
        "covax",
        Organization,
        Role::Official,
        Valid,
    ),
    caller(
        "the organization's viewer",
        "O.view",
        "covax",
        Organization,
        Role::Viewer,
        Valid,
    ),
    caller(
        "the organization's admin",
        "O.adm",
        "covax",
        Organization,
        Role::Admin,
        Valid,
    ),
    caller(
        "another country's official",
        "C2.off",
        "TCD",
        Country,
        Role::Official,
        Valid,
    ),
    caller(
        "another manufacturer's official",
        "M2.off",
        "rival",
        Manufacturer,
        Role::Official,
        Valid,
    ),
    caller(
        "another organization's official",
        "O2.off",
        "unicef",
        Organization,
        Role::Official,
        Valid,
    ),
];

impl Caller {
    fn email(&self) -> String {
        format!("{}@x.example", self.short.to_lowercase().replace('.', "-"))
    }

    fn token(&self) -> String {
        format!("eqd_matrix_{}", self.short.to_lowercase().replace('.', "_"))
    }

    fn is_official(&self) -> bool {
        self.role == Some(Role::Official)
    }
}

// ---------------------------------------------------------------------------------------
// The rows.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Surface {
    Api,
    Page,
}

/// Who gets past the route's door.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gate {
    /// The route reads no credential: everyone passes.
    Open,
    /// Anonymous visitors are welcome; on the API a bad credential answers 401, on a page
    /// it is ignored (the visitor is anonymous).
    Public,
    /// Signed-in users only: 401 on the API, the sign-in page for a page.
    SignedIn,
}

/// Who may do the row's action, once they see its object.
#[derive(Debug, Clone, Copy)]
enum Acts {
    /// Whoever passes the gate and sees the object.
    Read,
    /// Any party's official.
    Official,
    /// An official of a party of this kind.
    OfficialOfKind(PartyKind),
    /// An official of one of these parties.
    OfficialOf(&'static [&'static str]),
    /// Any user of these parties, and organizations.
    MembersOrOrganizations(&'static [&'static str]),
    /// An administrator.
    Administrator,
}

/// Which refusal comes first when both apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    /// The object is looked up first: outside reach is 404 whatever the role.
    LookupFirst,
    /// A role or kind that may never do this is refused (403) before the object is looked
    /// up; an existing object outside reach and a missing one then answer alike.
    RoleFirst,
}

/// Which credential the request carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Carries {
    /// The API's bearer token, the pages' session cookie.
    Usual,
    /// A session made for this request alone (the rows that end it).
    FreshSession,
}

#[derive(Debug, Clone, Copy)]
struct Row {
    surface: Surface,
    method: &'static str,
    /// The route's template, as the API document or the router spells it.
    route: &'static str,
    /// The request's path and query; `{…}` is the object asked about, `{@key}` the world's
    /// object `key`.
    uri: &'static str,
    gate: Gate,
    /// The world's objects the row asks about, each also asked about as missing.
    objects: &'static [&'static str],
    acts: Acts,
    order: Order,
    /// The JSON body (API) or the form's fields (pages, urlencoded), templated as `uri`.
    body: &'static str,
    /// For a list: the object it must hold exactly when the caller sees it, and where each
    /// item holds the object's id (a JSON pointer).
    lists: Option<(&'static str, &'static str)>,
    carries: Carries,
    /// A public page that shows published rounds only.
    published_only: bool,
    /// A form that checks its fields against the caller's own stock before the policy: its
    /// 422 then stands for the policy's 403 (nothing happens either way).
    checks_stock_first: bool,
}

fn row(surface: Surface, method: &'static str, route: &'static str) -> Row {
    Row {
        surface,
        method,
        route,
        uri: route,
        gate: Gate::SignedIn,
        objects: &[],
        acts: Acts::Read,
        order: Order::LookupFirst,
        body: "",
        lists: None,
        carries: Carries::Usual,
        published_only: false,
        checks_stock_first: false,
    }
}

fn api(method: &'static str, route: &'static str) -> Row {
    row(Surface::Api, method, route)
}

fn page(method: &'static str, route: &'static str) -> Row {
    row(Surface::Page, method, route)
}

impl Row {
    fn open(mut self) -> Self {
        self.gate = Gate::Open;
        self
    }
    fn public(mut self) -> Self {
        self.gate = Gate::Public;
        self
    }
    fn on(mut self, objects: &'static [&'static str]) -> Self {
        self.objects = objects;
        self
    }
    fn acts(mut self, acts: Acts) -> Self {
        self.acts = acts;
        self
    }
    fn role_first(mut self) -> Self {
        self.order = Order::RoleFirst;
        self
    }
    fn body(mut self, body: &'static str) -> Self {
        self.body = body;
        self
    }
    fn uri(mut self, uri: &'static str) -> Self {
        self.uri = uri;
        self
    }
    fn lists(mut self, object: &'static str, pointer: &'static str) -> Self {
        self.lists = Some((object, pointer));
        self
    }
    fn published_only(mut self) -> Self {
        self.published_only = true;
        self
    }
    fn checks_stock_first(mut self) -> Self {
        self.checks_stock_first = true;
        self
    }
    fn fresh_session(mut self) -> Self {
        self.carries = Carries::FreshSession;
        self
    }
}

use Acts::{Administrator, MembersOrOrganizations, Official, OfficialOf, OfficialOfKind};

/// Every operation of the API document, one row each (or more, one per object state).
fn api_rows() -> Vec<Row> {
    vec![
        // Signing in, tokens, who one is.
        api("GET", "/api/v1/health").open(),
        api("GET", "/api/v1/openapi.json").open(),
        api("POST", "/api/v1/session").open().body(r#"{"email": "signer@x.example", "password": "a long test password"}"#),
        api("DELETE", "/api/v1/session").fresh_session(),
        api("POST", "/api/v1/tokens").body(r#"{"name": "matrix"}"#),
        api("GET", "/api/v1/tokens"),
        api("DELETE", "/api/v1/tokens/{id}").on(&["token"]),
        api("GET", "/api/v1/me"),
        // Parties and users: administrators.
        api("GET", "/api/v1/parties").open(),
        api("GET", "/api/v1/parties/{code}").open().on(&["party"]),
        api("POST", "/api/v1/parties").acts(Administrator).body(r#"{"kind": "organization", "code": "new-org", "name": "New organization"}"#),
        api("POST", "/api/v1/users").acts(Administrator).body(r#"{"email": "new@x.example", "password": "a long test password", "party": "TCD", "role": "viewer"}"#),
        api("POST", "/api/v1/users/{id}/disable").on(&["user"]).acts(Administrator).role_first(),
        api("POST", "/api/v1/users/{id}/enable").on(&["user"]).acts(Administrator).role_first(),
        // Products, lots, balances, the journal.
        api("GET", "/api/v1/products").open(),
        api("GET", "/api/v1/products/{code}").open().on(&["product"]),
        api("POST", "/api/v1/products").acts(OfficialOfKind(Manufacturer)).body(r#"{"code": "VAX2", "name": "Vaccine two", "doses_per_course": 1, "storage": "2-8C", "shelf_life_days": 90}"#),
        api("POST", "/api/v1/lots").acts(OfficialOfKind(Manufacturer)).body(r#"{"product": "VAX1", "lot_number": "MATRIX1", "expiry": "2022-03-31", "doses": 5}"#),
        api("GET", "/api/v1/lots").lists("lot", "/id"),
        api("GET", "/api/v1/lots/{id}").on(&["lot"]),
        api("GET", "/api/v1/balances").uri("/api/v1/balances?lot={@lot}").lists("lot", "/lot"),
        api("POST", "/api/v1/movements").on(&["lot"]).acts(Official).role_first().body(r#"{"kind": "reserve", "lot": {id}, "doses": 1}"#),
        api("GET", "/api/v1/movements").uri("/api/v1/movements?lot={id}").on(&["lot"]),
        api("GET", "/api/v1/audit").uri("/api/v1/audit?kind=request&id={@request}").lists("request", "/object/id"),
        // Public figures.
        api("GET", "/api/v1/coverage").open(),
        api("GET", "/api/v1/coverage/series").open().uri("/api/v1/coverage/series?from=2021-08-01&to=2021-08-06"),
        api("GET", "/api/v1/pledge-fulfilment").open(),
        api("GET", "/api/v1/capacity").open(),
        api("POST", "/api/v1/capacity").acts(OfficialOfKind(Manufacturer)).body(r#"{"product": "VAX1", "month": "2021-09", "doses": 5000}"#),
        // Expiry risk: the holder and organizations.
        api("GET", "/api/v1/expiry-risk").uri("/api/v1/expiry-risk?holder=ETH").acts(MembersOrOrganizations(&["ETH"])),
        api("POST", "/api/v1/expiry-risk/propose").acts(Official).body(r#"{"lot": {@lot}, "doses": 1, "organization": "covax"}"#),
        // Notifications: the user's own.
        api("GET", "/api/v1/notifications"),
        api("POST", "/api/v1/notifications/read").body(r#"{"ids": [1]}"#),
        // Requests.
        api("POST", "/api/v1/requests").acts(OfficialOfKind(Country)).body(r#"{"doses": 100, "needed_by": "2021-12-31"}"#),
        api("GET", "/api/v1/requests").lists("request", "/id"),
        api("GET", "/api/v1/requests/{id}").on(&["request"]),
        api("POST", "/api/v1/requests/{id}/withdraw").on(&["request_to_withdraw"]).acts(OfficialOf(&["ETH"])),
        // Pledges.
        api("POST", "/api/v1/pledges").acts(Official).body(r#"{"doses": 10, "by": "2021-12-31", "to": "TCD"}"#),
        api("GET", "/api/v1/pledges").open().lists("pledge", "/id"),
        api("GET", "/api/v1/pledges/{id}").open().on(&["pledge"]),
        api("POST", "/api/v1/pledges/{id}/withdraw").on(&["pledge"]).acts(OfficialOf(&["maker"])),
        // Shipments.
        api("POST", "/api/v1/shipments").on(&["lot"]).acts(Official).role_first().body(r#"{"lot": {id}, "doses": 1, "to": "FRA"}"#),
        api("GET", "/api/v1/shipments").lists("shipment", "/id"),
        api("GET", "/api/v1/shipments/{id}").on(&["shipment"]),
        api("POST", "/api/v1/shipments/{id}/dispatch").on(&["shipment"]).acts(OfficialOf(&["maker"])),
        api("POST", "/api/v1/shipments/{id}/confirm").on(&["shipment_in_transit"]).acts(OfficialOf(&["ETH"])),
        api("POST", "/api/v1/shipments/{id}/cancel").on(&["shipment_to_cancel"]).acts(OfficialOf(&["maker"])),
        // Rounds.
        api("POST", "/api/v1/rounds").acts(OfficialOfKind(Organization)).body(r#"{"date": "2021-08-06", "lots": [{"lot": {@pool}, "doses": 1}], "requests": []}"#),
        api("GET", "/api/v1/rounds/{id}").public().on(&["round_draft", "round_published"]),
        api("GET", "/api/v1/rounds/{id}/input").public().on(&["round_draft", "round_published"]),
        api("GET", "/api/v1/rounds/{id}/answer").public().on(&["round_draft", "round_published"]),
        api("GET", "/api/v1/rounds/{id}/certificate").public().on(&["round_draft", "round_published"]),
        api("PATCH", "/api/v1/rounds/{id}").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])).body(r#"{"date": "2021-08-06"}"#),
        api("POST", "/api/v1/rounds/{id}/compute").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])),
        api("POST", "/api/v1/rounds/{id}/publish").on(&["round_to_publish", "round_published"]).acts(OfficialOf(&["covax"])),
        api("POST", "/api/v1/rounds/{id}/responses").on(&["share"]).acts(OfficialOf(&["ETH"])).body(r#"{"decision": "accept"}"#),
        api("POST", "/api/v1/rounds/{id}/close").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])),
        // Offers.
        api("POST", "/api/v1/offers").acts(OfficialOfKind(Manufacturer)).body(r#"{"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"}"#),
        api("GET", "/api/v1/offers").lists("offer", "/id"),
        api("GET", "/api/v1/offers/{id}").on(&["offer"]),
        api("POST", "/api/v1/offers/{id}/accept").on(&["offer"]).acts(OfficialOf(&["ETH"])).body(r#"{"doses": 1}"#),
        api("POST", "/api/v1/offers/{id}/decline").on(&["offer_to_decline"]).acts(OfficialOf(&["ETH"])),
        api("POST", "/api/v1/offers/{id}/withdraw").on(&["offer_to_withdraw"]).acts(OfficialOf(&["maker"])),
        // Agreements.
        api("POST", "/api/v1/agreements").acts(OfficialOf(&["maker", "ETH"])).body(r#"{"kind": "supply", "supplier": "maker", "recipient": "ETH", "doses": 10, "product": "VAX1"}"#),
        api("GET", "/api/v1/agreements").lists("agreement", "/id"),
        api("GET", "/api/v1/agreements/{id}").on(&["agreement"]),
        api("POST", "/api/v1/agreements/{id}/sign").on(&["agreement"]).acts(OfficialOf(&["ETH"])),
        api("POST", "/api/v1/agreements/{id}/cancel").on(&["agreement_to_cancel"]).acts(OfficialOf(&["maker", "ETH"])),
        // Partnerships.
        api("POST", "/api/v1/partnerships").acts(OfficialOf(&["maker", "ETH"])).body(r#"{"manufacturer": "maker", "partner": "ETH", "product": "VAX1", "site": "Addis Ababa", "kind": "fill_finish", "capacity_per_year": 1000}"#),
        api("GET", "/api/v1/partnerships").open().lists("partnership", "/id"),
        api("GET", "/api/v1/partnerships/{id}").open().on(&["partnership"]),
        api("POST", "/api/v1/partnerships/{id}/negotiate").on(&["partnership"]).acts(OfficialOf(&["maker", "ETH"])),
        api("POST", "/api/v1/partnerships/{id}/agree").on(&["partnership"]).acts(OfficialOf(&["maker", "ETH"])),
        api("POST", "/api/v1/partnerships/{id}/start_production").on(&["partnership"]).acts(OfficialOf(&["maker", "ETH"])),
        api("POST", "/api/v1/partnerships/{id}/abandon").on(&["partnership"]).acts(OfficialOf(&["maker", "ETH"])),
        // Meetings.
        api("POST", "/api/v1/meetings").acts(OfficialOfKind(Organization)).body(r#"{"title": "Another forum", "date": "2021-08-05", "parties": ["ETH"]}"#),
        api("GET", "/api/v1/meetings").open().lists("meeting", "/id"),
        api("GET", "/api/v1/meetings/{id}").open().on(&["meeting"]),
        api("POST", "/api/v1/meetings/{id}/outcomes").on(&["meeting"]).acts(OfficialOf(&["covax"])).body(r#"{"kind": "pledge", "id": {@pledge}}"#),
        // Threads.
        api("POST", "/api/v1/threads").acts(Official).body(r#"{"subject": "Cold chain", "parties": ["rival", "TCD"]}"#),
        api("GET", "/api/v1/threads").lists("thread", "/id"),
        api("GET", "/api/v1/threads/{id}").on(&["thread"]),
        api("GET", "/api/v1/threads/{id}/messages").on(&["thread"]),
        api("POST", "/api/v1/threads/{id}/messages").on(&["thread"]).acts(Official).body(r#"{"body": "Can you receive at 2-8 °C?"}"#),
        // Webhooks.
        api("POST", "/api/v1/webhooks").acts(Official).body(r#"{"url": "https://erp.example/equidose", "events": ["shipment.dispatched"]}"#),
        api("GET", "/api/v1/webhooks").lists("webhook", "/id"),
        api("GET", "/api/v1/webhooks/{id}").on(&["webhook"]),
        api("GET", "/api/v1/webhooks/{id}/deliveries").on(&["webhook"]),
        api("DELETE", "/api/v1/webhooks/{id}").on(&["webhook_to_delete"]).acts(Official),
    ]
}

/// Every route of the two page registries, one row each (or more, one per action).
fn page_rows() -> Vec<Row> {
    vec![
        // Public pages.
        page("GET", "/").public(),
        page("GET", "/charts/coverage.csv").public(),
        page("GET", "/charts/fulfilment.csv").public(),
        page("GET", "/charts/expiry.csv").public(),
        page("GET", "/countries").public(),
        page("GET", "/countries/{code}").public().on(&["country"]),
        page("GET", "/countries/{code}/coverage.csv").public().on(&["country"]),
        page("GET", "/rounds/{id}").public().on(&["round_draft", "round_published"]).published_only(),
        page("GET", "/rounds/{id}/shares.csv").public().on(&["round_draft", "round_published"]).published_only(),
        page("GET", "/pledges").public(),
        page("GET", "/meetings/{id}").public().on(&["meeting"]),
        page("GET", "/meetings/{id}/outcomes.csv").public().on(&["meeting"]),
        page("GET", "/simulate").public(),
        page("GET", "/simulate/coverage.csv").public(),
        page("GET", "/assets/equidose.css").public(),
        page("GET", "/assets/check.js").public(),
        // Signing in and out.
        page("GET", "/sign-in").open(),
        page("POST", "/sign-in").open().body("email=signer%40x.example&password=a+long+test+password"),
        page("POST", "/sign-out").fresh_session(),
        // The workspaces.
        page("GET", "/workspace"),
        page("GET", "/workspace/notifications"),
        page("POST", "/workspace/notifications").body("ids=1"),
        page("GET", "/workspace/threads"),
        page("POST", "/workspace/threads").acts(Official).body("subject=Cold+chain&parties=rival+TCD&body=Hello"),
        page("GET", "/workspace/threads/{id}").on(&["thread"]),
        page("POST", "/workspace/threads/{id}/messages").on(&["thread"]).acts(Official).body("body=Hello+again"),
        page("GET", "/workspace/pledges"),
        page("POST", "/workspace/pledges").acts(Official).body("doses=10&by=2021-12-31&to=TCD"),
        page("POST", "/workspace/pledges/{id}/withdraw").on(&["pledge"]).acts(OfficialOf(&["maker"])),
        // Parties are public facts; the page's form is for administrators.
        page("GET", "/workspace/parties"),
        page("POST", "/workspace/parties").acts(Administrator).body("kind=organization&code=form-org&name=Form+organization"),
        page("GET", "/workspace/users").acts(Administrator),
        page("POST", "/workspace/users").acts(Administrator).body("email=form%40x.example&password=a+long+test+password&party=TCD&role=viewer"),
        page("POST", "/workspace/users/{id}/disable").on(&["user"]).acts(Administrator).role_first(),
        page("POST", "/workspace/users/{id}/enable").on(&["user"]).acts(Administrator).role_first(),
        page("GET", "/workspace/meetings"),
        page("POST", "/workspace/meetings").acts(OfficialOfKind(Organization)).body("title=Form+forum&date=2021-08-05&parties=ETH"),
        page("GET", "/workspace/meetings/{id}").on(&["meeting"]),
        page("POST", "/workspace/meetings/{id}/outcomes").on(&["meeting"]).acts(OfficialOf(&["covax"])).body("kind=pledge&id={@pledge}"),
        page("GET", "/workspace/rounds"),
        page("POST", "/workspace/rounds").acts(OfficialOfKind(Organization)).body("date=2021-08-06&lots={@pool}%3Acovax"),
        page("POST", "/workspace/rounds/next").acts(OfficialOfKind(Organization)).body("date=2021-08-06&after={@round_published}"),
        page("GET", "/workspace/rounds/{id}").on(&["round_draft", "round_published"]),
        page("GET", "/workspace/rounds/{id}/shares.csv").on(&["round_draft", "round_published"]),
        page("POST", "/workspace/rounds/{id}/change").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])).body("date=2021-08-06&lots={@pool}%3Acovax&requests={@request_draft}"),
        page("POST", "/workspace/rounds/{id}/compute").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])),
        page("POST", "/workspace/rounds/{id}/publish").on(&["round_to_publish_by_form", "round_published"]).acts(OfficialOf(&["covax"])),
        page("POST", "/workspace/rounds/{id}/close").on(&["round_draft", "round_published"]).acts(OfficialOf(&["covax"])),
        page("GET", "/workspace/products"),
        page("POST", "/workspace/products").acts(OfficialOfKind(Manufacturer)).body("code=VAX3&name=Vaccine+three&doses_per_course=1&storage=2-8C&shelf_life_days=90"),
        page("GET", "/workspace/lots"),
        page("POST", "/workspace/lots").acts(OfficialOfKind(Manufacturer)).body("product=VAX1&lot_number=FORM1&expiry=2022-03-31&doses=5"),
        page("POST", "/workspace/lots/gs1").acts(OfficialOfKind(Manufacturer)).body("gs1=%2801%2909501101530003%2817%29220300%2810%29GSONE"),
        page("POST", "/workspace/lots/confirm").acts(OfficialOfKind(Manufacturer)).body("gs1=%2801%2909501101530003%2817%29220300%2810%29GSTWO&product=VAX1&doses=5"),
        page("GET", "/workspace/capacity"),
        page("POST", "/workspace/capacity").acts(OfficialOfKind(Manufacturer)).body("product=VAX1&month=2021-10&doses=100"),
        page("GET", "/workspace/offers"),
        page("POST", "/workspace/offers").acts(OfficialOfKind(Manufacturer)).body("product=VAX1&doses=10&available_from=2021-08-15&available_to=2021-10-31&to=ETH"),
        page("POST", "/workspace/offers/{id}/withdraw").on(&["offer_to_withdraw"]).acts(OfficialOf(&["maker"])),
        page("POST", "/workspace/offers/{id}/accept").on(&["offer"]).acts(OfficialOf(&["ETH"])).body("doses=1"),
        page("POST", "/workspace/offers/{id}/decline").on(&["offer_to_decline"]).acts(OfficialOf(&["ETH"])),
        page("GET", "/workspace/partnerships"),
        page("POST", "/workspace/partnerships").acts(OfficialOf(&["maker", "ETH"])).body("manufacturer=maker&partner=ETH&product=VAX1&site=Gondar&kind=fill_finish&capacity_per_year=1000"),
        page("POST", "/workspace/partnerships/{id}/{action}").uri("/workspace/partnerships/{id}/negotiate").on(&["partnership"]).acts(OfficialOf(&["maker", "ETH"])),
        page("GET", "/workspace/requests"),
        page("POST", "/workspace/requests").acts(OfficialOfKind(Country)).body("doses=100&needed_by=2021-12-31"),
        page("POST", "/workspace/requests/{id}/withdraw").on(&["request_to_withdraw"]).acts(OfficialOf(&["ETH"])),
        page("GET", "/workspace/shares"),
        page("POST", "/workspace/shares/{round}/respond").on(&["share_by_form"]).acts(OfficialOf(&["ETH"])).body("decision=accept"),
        page("GET", "/workspace/shipments"),
        page("POST", "/workspace/shipments/{id}/{action}").uri("/workspace/shipments/{id}/dispatch").on(&["shipment"]).acts(OfficialOf(&["maker"])),
        page("POST", "/workspace/shipments/{id}/{action}").uri("/workspace/shipments/{id}/confirm").on(&["shipment_in_transit"]).acts(OfficialOf(&["ETH"])),
        page("GET", "/workspace/stock"),
        page("POST", "/workspace/stock/propose").acts(Official).checks_stock_first().body("lot={@pool}&doses=1&organization=covax"),
        page("GET", "/workspace/administration"),
        page("POST", "/workspace/administration").on(&["lot"]).acts(OfficialOfKind(Country)).role_first().body("lot={id}&doses=1"),
    ]
}

// ---------------------------------------------------------------------------------------
// The world.
// ---------------------------------------------------------------------------------------

/// An object of the world.
#[derive(Debug, Clone)]
struct Object {
    /// Its row of [`WHO_SEES_WHAT`].
    kind: &'static str,
    /// Its id (or code).
    id: String,
    /// Its parties (for [`ReadBy::PartiesAndOrganizations`] and [`ReadBy::PartiesOnly`]).
    parties: &'static [&'static str],
    /// The caller it belongs to (for [`ReadBy::UserAndAdministrators`]).
    user: Option<&'static str>,
}

/// A caller's credentials in the world.
#[derive(Debug, Clone, Default)]
struct Credentials {
    token: Option<String>,
    /// The session cookie's value and its CSRF token.
    session: Option<(String, String)>,
    user: Option<store::accounts::User>,
}

struct World {
    state: AppState,
    app: Router,
    objects: BTreeMap<&'static str, Object>,
    credentials: BTreeMap<&'static str, Credentials>,
}

fn party(code: &str, kind: PartyKind) -> Party {
    Party {
        code: PartyCode::parse(code).unwrap(),
        kind,
        name: code.into(),
        population: None,
        income_group: None,
    }
}

/// Sends `body` as `token`'s and answers the JSON of a success; panics otherwise.
async fn created(app: &Router, token: &str, method: &str, uri: &str, body: Value) -> Value {
    let request = if body.is_null() {
        Request::builder()
            .method(method)
            .uri(uri)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    } else {
        common::json_request(method, uri, Some(token), body)
    };
    let answer = send(app, request).await;
    assert!(
        answer.status.is_success(),
        "{method} {uri}: {} {}",
        answer.status,
        String::from_utf8_lossy(&answer.body)
    );
    answer.json()
}

fn id_of(value: &Value) -> String {
    value["id"].as_i64().unwrap().to_string()
}

/// The countries of the world's reference data: the callers' two, the shipments' third and
/// a few more; the whole snapshot would only make the public figures' pages slower to draw
/// for each of the sixteen callers.
const COUNTRIES: [&str; 6] = ["ETH", "TCD", "FRA", "MWI", "IND", "BRA"];

/// Loads the built-in snapshot's rows of [`COUNTRIES`].
async fn load_countries(store: &Store) {
    let (mut data, _) = importer::snapshot::builtin().unwrap();
    data.countries
        .retain(|country| COUNTRIES.contains(&country.code.as_str()));
    data.reports
        .retain(|report| COUNTRIES.contains(&report.country.as_str()));
    store.import_reference_data(&data).await.unwrap();
}

async fn build(store: &Store) -> World {
    load_countries(store).await;
    let state = common::state_at(store.clone(), common::now());
    let app = common::app_with(state.clone());
    let now = common::now();
    let hash = app::secrets::hash_password(PASSWORD).unwrap();
    let hash = hash.as_str();
    // Parties beside the snapshot's countries, the callers' users and tokens, the signer,
    // a spare user to disable and a spare token to revoke.
    let (spare_user, spare_token) = store
        .write(|tx| async move {
            for (code, kind) in [
                ("maker", Manufacturer),
                ("rival", Manufacturer),
                ("covax", Organization),
                ("unicef", Organization),
            ] {
                tx.create_party(&party(code, kind)).await?;
            }
            let mut spare = (UserId(0), 0);
            for caller in CALLERS
                .iter()
                .filter(|caller| caller.standing != Standing::Anonymous)
            {
                let email = caller.email();
                let user = tx
                    .create_user(&store::accounts::NewUser {
                        email: &email,
                        password_hash: "unused",
                        party: &PartyCode::parse(caller.party).unwrap(),
                        role: caller.role.unwrap(),
                    })
                    .await?;
                let expires = if caller.standing == Expired {
                    now.plus(chrono::Duration::days(-1))
                } else {
                    now.plus(chrono::Duration::days(90))
                };
                let token = tx
                    .create_api_token(
                        &app::secrets::token_digest(&caller.token()),
                        user,
                        "matrix",
                        now.plus(chrono::Duration::days(-100)),
                        expires,
                    )
                    .await?;
                if caller.standing == Revoked {
                    tx.revoke_api_token(token.id, now).await?;
                }
                if caller.short == "M.off" {
                    let spare_token = tx
                        .create_api_token(
                            &app::secrets::token_digest("eqd_matrix_spare"),
                            user,
                            "spare",
                            now,
                            now.plus(chrono::Duration::days(90)),
                        )
                        .await?;
                    spare.1 = spare_token.id.0;
                }
            }
            tx.create_user(&store::accounts::NewUser {
                email: SIGNER,
                password_hash: hash,
                party: &PartyCode::parse("TCD").unwrap(),
                role: Role::Viewer,
            })
            .await?;
            spare.0 = tx
                .create_user(&store::accounts::NewUser {
                    email: "spare@x.example",
                    password_hash: "unused",
                    party: &PartyCode::parse("ETH").unwrap(),
                    role: Role::Official,
                })
                .await?;
            Ok::<_, StoreError>(spare)
        })
        .await
        .unwrap();
    // Sessions: a working one per valid caller; a signed-out one, one made after the user
    // was disabled and an expired one for the others.
    let mut credentials = BTreeMap::new();
    for caller in CALLERS {
        let mut held = Credentials::default();
        if caller.standing != Standing::Anonymous {
            let email = caller.email();
            let email = email.as_str();
            let user = store
                .read(|tx| async move { tx.user_by_email(email).await })
                .await
                .unwrap()
                .unwrap()
                .user;
            held.token = Some(caller.token());
            let session = app::sessions::begin(&state.app, &user).await.unwrap();
            let digest = app::secrets::token_digest(&session.token);
            let (id, csrf) = (user.id, session.csrf_token.clone());
            let (digest, csrf) = (digest.as_str(), csrf.as_str());
            match caller.standing {
                Revoked => store
                    .write(|tx| async move { tx.delete_session(digest).await })
                    .await
                    .unwrap(),
                Disabled => store
                    .write(|tx| async move {
                        tx.set_user_disabled(id, true).await?;
                        // Disabling drops the user's sessions; this one is made after.
                        tx.create_session(digest, id, csrf, now.plus(chrono::Duration::hours(1)))
                            .await
                    })
                    .await
                    .unwrap(),
                Expired => store
                    .write(|tx| async move {
                        tx.delete_session(digest).await?;
                        tx.create_session(digest, id, csrf, now.plus(chrono::Duration::hours(-1)))
                            .await
                    })
                    .await
                    .unwrap(),
                _ => {}
            }
            held.session = Some((session.token, session.csrf_token));
            held.user = Some(user);
        }
        credentials.insert(caller.short, held);
    }
    let token = |short: &str| {
        CALLERS
            .iter()
            .find(|caller| caller.short == short)
            .unwrap()
            .token()
    };
    let (eth, maker, covax) = (token("C.off"), token("M.off"), token("O.off"));
    let mut objects: BTreeMap<&'static str, Object> = BTreeMap::new();
    let mut put =
        |key: &'static str, kind: &'static str, id: String, parties: &'static [&'static str]| {
            objects.insert(
                key,
                Object {
                    kind,
                    id,
                    parties,
                    user: None,
                },
            );
        };
    put("party", "party", "ETH".into(), &[]);
    put("country", "party", "ETH".into(), &[]);
    created(&app, &maker, "POST", "/api/v1/products", json!({"code": "VAX1", "name": "Vaccine one", "doses_per_course": 2, "storage": "2-8C", "shelf_life_days": 180, "gtin": "09501101530003"})).await;
    put("product", "product", "VAX1".into(), &[]);
    // The maker's lot, of which Ethiopia holds doses; the pool lot COVAX holds.
    let lot = id_of(
        &created(
            &app,
            &maker,
            "POST",
            "/api/v1/lots",
            json!({"gs1": "(01)09501101530003(17)220300(10)AB1234", "doses": 1000}),
        )
        .await,
    );
    let pool = id_of(
        &created(
            &app,
            &maker,
            "POST",
            "/api/v1/lots",
            json!({"gs1": "(01)09501101530003(17)220300(10)POOL1", "doses": 200}),
        )
        .await,
    );
    let ship = |lot: &str, doses: i64, to: &str| {
        let body = json!({"lot": lot.parse::<i64>().unwrap(), "doses": doses, "to": to});
        let (app, maker) = (app.clone(), maker.clone());
        async move { id_of(&created(&app, &maker, "POST", "/api/v1/shipments", body).await) }
    };
    let act = |token: &str, uri: String| {
        let (app, token) = (app.clone(), token.to_owned());
        async move { created(&app, &token, "POST", &uri, Value::Null).await }
    };
    let to_pool = ship(&pool, 200, "covax").await;
    act(&maker, format!("/api/v1/shipments/{to_pool}/dispatch")).await;
    act(&covax, format!("/api/v1/shipments/{to_pool}/confirm")).await;
    let to_eth = ship(&lot, 50, "ETH").await;
    act(&maker, format!("/api/v1/shipments/{to_eth}/dispatch")).await;
    act(&eth, format!("/api/v1/shipments/{to_eth}/confirm")).await;
    put("lot", "lot", lot.clone(), &["maker", "ETH"]);
    put("pool", "lot", pool.clone(), &["maker", "covax"]);
    put(
        "shipment",
        "shipment",
        ship(&lot, 5, "ETH").await,
        &["maker", "ETH"],
    );
    put(
        "shipment_to_cancel",
        "shipment",
        ship(&lot, 5, "ETH").await,
        &["maker", "ETH"],
    );
    let in_transit = ship(&lot, 5, "ETH").await;
    act(&maker, format!("/api/v1/shipments/{in_transit}/dispatch")).await;
    put(
        "shipment_in_transit",
        "shipment",
        in_transit,
        &["maker", "ETH"],
    );
    // Requests, and rounds each with a request of Ethiopia's over COVAX's pool.
    let request = |doses: i64| {
        let (app, eth) = (app.clone(), eth.clone());
        async move {
            id_of(
                &created(
                    &app,
                    &eth,
                    "POST",
                    "/api/v1/requests",
                    json!({"doses": doses, "needed_by": "2021-12-31"}),
                )
                .await,
            )
        }
    };
    put("request", "request", request(1000).await, &["ETH"]);
    put(
        "request_to_withdraw",
        "request",
        request(1000).await,
        &["ETH"],
    );
    for (key, kind, publish) in [
        ("round_draft", "round (draft)", false),
        ("round_to_publish", "round (draft)", false),
        ("round_to_publish_by_form", "round (draft)", false),
        ("round_published", "round (published)", true),
        ("round_published_by_form", "round (published)", true),
    ] {
        let wanted = request(40).await;
        let body = json!({"date": "2021-08-06", "lots": [{"lot": pool.parse::<i64>().unwrap(), "doses": 20}], "requests": [wanted.parse::<i64>().unwrap()]});
        let round = id_of(&created(&app, &covax, "POST", "/api/v1/rounds", body).await);
        act(&covax, format!("/api/v1/rounds/{round}/compute")).await;
        if publish {
            act(&covax, format!("/api/v1/rounds/{round}/publish")).await;
            let share = if key == "round_published" {
                "share"
            } else {
                "share_by_form"
            };
            put(
                share,
                "share (answered by its country)",
                round.clone(),
                &["ETH"],
            );
        }
        if key == "round_draft" {
            put("request_draft", "request", wanted.clone(), &["ETH"]);
        }
        put(key, kind, round, &["covax", "ETH"]);
    }
    // The dose path's commitments and the talking and agreeing.
    let pledge = created(
        &app,
        &maker,
        "POST",
        "/api/v1/pledges",
        json!({"doses": 100, "by": "2021-12-31", "to": "ETH"}),
    )
    .await;
    put("pledge", "pledge", id_of(&pledge), &["maker", "ETH"]);
    for key in ["offer", "offer_to_decline", "offer_to_withdraw"] {
        let offer = created(&app, &maker, "POST", "/api/v1/offers", json!({"product": "VAX1", "doses": 100, "available_from": "2021-08-15", "available_to": "2021-10-31", "to": "ETH"})).await;
        put(key, "offer", id_of(&offer), &["maker", "ETH"]);
    }
    for key in ["agreement", "agreement_to_cancel"] {
        let agreement = created(&app, &maker, "POST", "/api/v1/agreements", json!({"kind": "supply", "supplier": "maker", "recipient": "ETH", "doses": 10, "product": "VAX1"})).await;
        put(key, "agreement", id_of(&agreement), &["maker", "ETH"]);
    }
    let partnership = created(&app, &maker, "POST", "/api/v1/partnerships", json!({"manufacturer": "maker", "partner": "ETH", "product": "VAX1", "site": "Addis Ababa", "kind": "fill_finish", "capacity_per_year": 1000})).await;
    put(
        "partnership",
        "partnership",
        id_of(&partnership),
        &["maker", "ETH"],
    );
    let meeting = created(&app, &covax, "POST", "/api/v1/meetings", json!({"title": "Forum on vaccine cooperation", "date": "2021-08-05", "parties": ["ETH", "maker"]})).await;
    put(
        "meeting",
        "meeting",
        id_of(&meeting),
        &["covax", "ETH", "maker"],
    );
    let thread = id_of(
        &created(
            &app,
            &eth,
            "POST",
            "/api/v1/threads",
            json!({"subject": "Cold chain", "parties": ["maker"]}),
        )
        .await,
    );
    created(
        &app,
        &maker,
        "POST",
        &format!("/api/v1/threads/{thread}/messages"),
        json!({"body": "We can."}),
    )
    .await;
    put("thread", "thread", thread, &["ETH", "maker"]);
    for key in ["webhook", "webhook_to_delete"] {
        let webhook = created(
            &app,
            &maker,
            "POST",
            "/api/v1/webhooks",
            json!({"url": "https://erp.maker.example/equidose", "events": ["shipment.dispatched"]}),
        )
        .await;
        put(key, "webhook", id_of(&webhook), &["maker"]);
    }
    put("user", "user", spare_user.0.to_string(), &[]);
    objects.insert(
        "token",
        Object {
            kind: "token",
            id: spare_token.to_string(),
            parties: &[],
            user: Some("M.off"),
        },
    );
    World {
        state,
        app,
        objects,
        credentials,
    }
}

// ---------------------------------------------------------------------------------------
// Deriving the expected outcome, and classifying the answer.
// ---------------------------------------------------------------------------------------

/// What a cell's answer means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Authorization passed: 2xx, 3xx (not to the sign-in page), or a rule's 409 or 422.
    Allowed,
    /// 401 (API), or the sign-in page (pages).
    SignIn,
    /// 403: a role or party the action is not for, on an object the caller sees.
    Forbidden,
    /// 404: outside the caller's reach, or missing.
    NotFound,
    /// Anything else (a 400, a 500): always a failure.
    Other,
}

fn sees(caller: &Caller, object: &Object) -> bool {
    let member = caller.kind.is_some() && object.parties.contains(&caller.party);
    match read_by(object.kind) {
        ReadBy::Everyone => true,
        ReadBy::PartiesAndOrganizations => member || caller.kind == Some(Organization),
        ReadBy::PartiesOnly => member,
        ReadBy::UserAndAdministrators => {
            object.user == Some(caller.short) || caller.role == Some(Role::Admin)
        }
        ReadBy::Administrators => caller.role == Some(Role::Admin),
    }
}

/// Whether the caller's role and party kind may ever do the row's action (whatever the
/// object).
fn role_may(caller: &Caller, acts: Acts) -> bool {
    match acts {
        Acts::Read | Acts::MembersOrOrganizations(_) => true,
        Acts::Official | Acts::OfficialOf(_) => caller.is_official(),
        Acts::OfficialOfKind(kind) => caller.is_official() && caller.kind == Some(kind),
        Acts::Administrator => caller.role == Some(Role::Admin),
    }
}

/// Whether the caller may do the row's action (on an object it sees).
fn may(caller: &Caller, acts: Acts) -> bool {
    role_may(caller, acts)
        && match acts {
            Acts::OfficialOf(parties) => parties.contains(&caller.party),
            Acts::MembersOrOrganizations(parties) => {
                parties.contains(&caller.party) || caller.kind == Some(Organization)
            }
            _ => true,
        }
}

/// The outcome the row's rule gives `caller` about `object` (`None`: a missing one; the
/// row's collection when the row has no object).
fn expected(row: &Row, caller: &Caller, object: Option<Option<&Object>>) -> Outcome {
    let anonymous = Caller {
        kind: None,
        role: None,
        party: "",
        ..CALLERS[0]
    };
    let caller = match (row.gate, caller.standing) {
        // The route reads no credential: everyone is an anonymous visitor to it.
        (Gate::Open, _) => &anonymous,
        (_, Standing::Valid) | (Gate::Public, Standing::Anonymous) => caller,
        // A bad credential is 401 on the API; a public page treats its visitor as anonymous.
        (Gate::Public, _) if row.surface == Surface::Page => &anonymous,
        _ => return Outcome::SignIn,
    };
    if row.order == Order::RoleFirst && !role_may(caller, row.acts) {
        return Outcome::Forbidden;
    }
    match object {
        Some(None) => return Outcome::NotFound,
        Some(Some(object)) if !sees(caller, object) => return Outcome::NotFound,
        // The public pages show published rounds only; drafts are the workspaces'.
        Some(Some(object)) if row.published_only && object.kind == "round (draft)" => {
            return Outcome::NotFound;
        }
        _ => {}
    }
    if may(caller, row.acts) {
        Outcome::Allowed
    } else {
        Outcome::Forbidden
    }
}

fn outcome(answer: &Answer) -> Outcome {
    let status = answer.status;
    match status.as_u16() {
        401 => Outcome::SignIn,
        403 => Outcome::Forbidden,
        404 => Outcome::NotFound,
        409 | 422 => Outcome::Allowed,
        300..=399
            if answer
                .header("location")
                .is_some_and(|location| location.starts_with("/sign-in")) =>
        {
            Outcome::SignIn
        }
        200..=399 => Outcome::Allowed,
        _ => Outcome::Other,
    }
}

// ---------------------------------------------------------------------------------------
// Sending a cell.
// ---------------------------------------------------------------------------------------

/// `text` with `{@key}` replaced by the world's object `key` and any other `{…}` by
/// `target`.
fn fill(text: &str, world: &World, target: &str) -> String {
    let mut filled = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_length = after
            .find(|character: char| {
                !(character.is_ascii_alphanumeric() || character == '_' || character == '@')
            })
            .unwrap_or(after.len());
        if name_length > 0 && after[name_length..].starts_with('}') {
            match after[..name_length].strip_prefix('@') {
                Some(key) => filled.push_str(&world.objects[key].id),
                None => filled.push_str(target),
            }
            rest = &after[name_length + 1..];
        } else {
            filled.push('{');
            rest = after;
        }
    }
    filled.push_str(rest);
    filled
}

async fn request_of(row: &Row, caller: &Caller, world: &World, target: &str) -> Request<Body> {
    let uri = fill(row.uri, world, target);
    let body = fill(row.body, world, target);
    let held = &world.credentials[caller.short];
    let session = match row.carries {
        Carries::Usual => held.session.clone(),
        Carries::FreshSession => match (&held.user, caller.standing) {
            (Some(user), Standing::Valid) => {
                let session = app::sessions::begin(&world.state.app, user).await.unwrap();
                Some((session.token, session.csrf_token))
            }
            _ => held.session.clone(),
        },
    };
    let mut builder = Request::builder().method(row.method).uri(&uri);
    match row.surface {
        Surface::Api => {
            match (row.carries, &held.token, &session) {
                (Carries::Usual, Some(token), _) => {
                    builder = builder.header("authorization", format!("Bearer {token}"));
                }
                (Carries::FreshSession, _, Some((cookie, csrf))) => {
                    builder = builder
                        .header("cookie", format!("{}={cookie}", web::auth::SESSION_COOKIE))
                        .header(web::auth::CSRF_HEADER, csrf);
                }
                _ => {}
            }
            if body.is_empty() {
                builder.body(Body::empty()).unwrap()
            } else {
                builder
                    .header("content-type", "application/json")
                    .body(Body::from(body))
                    .unwrap()
            }
        }
        Surface::Page => {
            builder = builder
                .header("accept", common::browser::NAVIGATION)
                .header("accept-language", "en")
                .header("host", "equidose.test");
            let mut fields = body;
            if let Some((cookie, csrf)) = &session {
                builder =
                    builder.header("cookie", format!("{}={cookie}", web::auth::SESSION_COOKIE));
                if row.method == "POST" {
                    let mut csrf_field = form_urlencoded::Serializer::new(String::new());
                    csrf_field.append_pair("csrf_token", csrf);
                    if !fields.is_empty() {
                        fields.push('&');
                    }
                    fields.push_str(&csrf_field.finish());
                }
            }
            if row.method == "POST" {
                builder
                    .header("origin", "http://equidose.test")
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(Body::from(fields))
                    .unwrap()
            } else {
                builder.body(Body::empty()).unwrap()
            }
        }
    }
}

/// The answers of `callers` to the row's request about `target`: all at once, unless they
/// may change something (one after the other, so that each meets the state the last left).
async fn answers_of<'a>(
    row: &Row,
    callers: &[&'a Caller],
    world: &World,
    target: &str,
    changes: bool,
) -> Vec<(&'a Caller, Answer)> {
    let mut answers = Vec::new();
    if changes {
        for caller in callers {
            let request = request_of(row, caller, world, target).await;
            answers.push((*caller, send(&world.app, request).await));
        }
        return answers;
    }
    let mut running = tokio::task::JoinSet::new();
    for (index, caller) in callers.iter().enumerate() {
        let request = request_of(row, caller, world, target).await;
        let app = world.app.clone();
        running.spawn(async move { (index, send(&app, request).await) });
    }
    let mut done: Vec<(usize, Answer)> = running.join_all().await;
    done.sort_by_key(|(index, _)| *index);
    done.into_iter()
        .map(|(index, answer)| (callers[index], answer))
        .collect()
}

/// What an answer says, in a line: a problem's detail, a page's error notice or title.
fn gist(answer: &Answer) -> String {
    let text = String::from_utf8_lossy(&answer.body);
    if let Ok(problem) = serde_json::from_str::<Value>(&text) {
        return problem["detail"].as_str().unwrap_or_default().to_owned();
    }
    let between = |open: &str, close: &str| {
        let start = text.find(open)? + open.len();
        let start = start + text[start..].find('>')? + 1;
        let end = start + text[start..].find(close)?;
        Some(text[start..end].trim().to_owned())
    };
    between("class=\"notice notice-error", "</")
        .or_else(|| between("<title", "</title>"))
        .unwrap_or_else(|| answer.header("location").unwrap_or_default().to_owned())
}

/// Whether a list's items hold the object's id at `pointer`.
fn holds(list: &Value, pointer: &str, id: &str) -> bool {
    list.as_array().is_some_and(|items| {
        items.iter().any(|item| match item.pointer(pointer) {
            Some(Value::Number(number)) => number.to_string() == id,
            Some(Value::String(text)) => text == id,
            _ => false,
        })
    })
}

// ---------------------------------------------------------------------------------------
// The routes the matrix must cover.
// ---------------------------------------------------------------------------------------

/// (method, path template) of every operation in the API document.
fn documented_operations() -> Vec<(String, String)> {
    let document = serde_json::to_value(web::openapi::document()).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in ["get", "post", "put", "patch", "delete"] {
            if item.get(method).is_some() {
                operations.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    operations
}

/// The value of a `&str` constant named `name` (`STYLESHEET_PATH`, `round::SCRIPT_PATH`)
/// in the folder of `registry`.
fn constant(folder: &Path, registry_text: &str, name: &str) -> String {
    let (text, constant) = match name.rsplit_once("::") {
        Some((module, constant)) => (
            std::fs::read_to_string(folder.join(format!("{module}.rs"))).unwrap(),
            constant,
        ),
        None => (registry_text.to_owned(), name),
    };
    let declaration = format!("{constant}: &str = \"");
    let at = text
        .find(&declaration)
        .unwrap_or_else(|| panic!("no constant {name} in the page registries' folder"))
        + declaration.len();
    text[at..at + text[at..].find('"').unwrap()].to_owned()
}

/// (method, path) of every route of the two page registries, read from their source as
/// tests/tidy.rs reads them: each `.route(path, get(…).post(…))` of `routes()`.
fn page_routes() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut routes = Vec::new();
    for registry in ["src/pages/mod.rs", "src/workspace/mod.rs"] {
        let path = root.join(registry);
        let text = std::fs::read_to_string(&path).unwrap();
        let start = text.find("pub fn routes()").expect("a routes() function");
        let end = start + text[start..].find("\n}\n").unwrap();
        for call in text[start..end].split(".route(").skip(1) {
            let (first, rest) = call.split_once(',').unwrap();
            let first = first.trim();
            let route = match first.strip_prefix('"') {
                Some(literal) => literal.trim_end_matches('"').to_owned(),
                None => constant(path.parent().unwrap(), &text, first),
            };
            for method in ["get", "post"] {
                let needle = format!("{method}(");
                let found = rest.match_indices(&needle).any(|(at, _)| {
                    at == 0
                        || !rest[..at].chars().next_back().is_some_and(|before| {
                            before.is_alphanumeric() || before == '_' || before == ':'
                        })
                });
                if found {
                    routes.push((method.to_uppercase(), route.clone()));
                }
            }
        }
    }
    routes
}

// ---------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------

#[test]
fn every_documented_operation_and_every_page_route_has_a_row() {
    let rows: Vec<Row> = api_rows().into_iter().chain(page_rows()).collect();
    let has_row = |surface: Surface, method: &str, route: &str| {
        rows.iter()
            .any(|row| row.surface == surface && row.method == method && row.route == route)
    };
    let mut without = Vec::new();
    for (method, route) in documented_operations() {
        if !has_row(Surface::Api, &method, &route) {
            without.push(format!("{method} {route} (API document)"));
        }
    }
    let pages = page_routes();
    assert!(pages.len() > 50, "the page registries were read: {pages:?}");
    for (method, route) in &pages {
        if !has_row(Surface::Page, method, route) {
            without.push(format!("{method} {route} (page router)"));
        }
    }
    assert!(
        without.is_empty(),
        "routes without a row in the authorization matrix (add one to api_rows or page_rows): {without:#?}"
    );
    // And no row names a route that is not there any more.
    let documented = documented_operations();
    for row in &rows {
        let known = match row.surface {
            Surface::Api => documented
                .iter()
                .any(|(method, route)| method == row.method && route == row.route),
            Surface::Page => pages
                .iter()
                .any(|(method, route)| method == row.method && route == row.route),
        };
        assert!(known, "{} {} has a row but no route", row.method, row.route);
    }
    // Every object kind a row can meet is in "Who sees what".
    for (kind, _, source) in WHO_SEES_WHAT {
        assert!(!source.is_empty(), "{kind} cites its source");
    }
}

store_test! {
    async fn every_caller_meets_the_rule_of_every_route_on_own_other_and_missing_objects(store: Store) {
        let world = build(&store).await;
        let rows: Vec<Row> = api_rows().into_iter().chain(page_rows()).collect();
        let mut failures = Vec::new();
        let mut report = String::new();
        let columns: Vec<&str> = CALLERS.iter().map(|caller| caller.short).collect();
        writeln!(report, "callers: {}", columns.join(" ")).unwrap();
        let mut cells = 0;
        let mut unexpected_allows = 0;
        for row in &rows {
            // The row's objects, then a missing one; a collection is asked about once.
            let targets: Vec<(&str, Option<Option<&Object>>)> = if row.objects.is_empty() {
                vec![("", None)]
            } else {
                row.objects
                    .iter()
                    .map(|key| (*key, Some(Some(&world.objects[key]))))
                    .chain([("missing", Some(None))])
                    .collect()
            };
            for (label, target) in targets {
                let id = match target {
                    Some(Some(object)) => object.id.as_str(),
                    _ => MISSING_ID,
                };
                // Refusals first, so that an allowed caller's change of state does not turn
                // a later refusal into a conflict.
                let (refused, allowed): (Vec<&Caller>, Vec<&Caller>) = CALLERS
                    .iter()
                    .partition(|caller| expected(row, caller, target) != Outcome::Allowed);
                let mut answers = Vec::new();
                for (group, changes) in [(refused, false), (allowed, row.method != "GET")] {
                    answers.extend(answers_of(row, &group, &world, id, changes).await);
                }
                let mut statuses = BTreeMap::new();
                for (caller, answer) in answers {
                    let want = expected(row, caller, target);
                    let mut got = outcome(&answer);
                    if row.checks_stock_first && want == Outcome::Forbidden && answer.status == StatusCode::UNPROCESSABLE_ENTITY {
                        got = Outcome::Forbidden;
                    }
                    cells += 1;
                    statuses.insert(caller.short, answer.status.as_u16());
                    let object = match target {
                        None => "the collection".to_owned(),
                        Some(None) => "a missing object".to_owned(),
                        Some(Some(object)) => format!(
                            "{label} {} ({})",
                            object.id,
                            if sees(caller, object) { "within reach" } else { "outside reach" }
                        ),
                    };
                    if got != want {
                        if got == Outcome::Allowed {
                            unexpected_allows += 1;
                        }
                        failures.push(format!(
                            "{} {} ({}) as {} on {object}: expected {want:?}, got {} {:?}: {}",
                            row.method,
                            row.route,
                            fill(row.uri, &world, id),
                            caller.name,
                            answer.status,
                            got,
                            gist(&answer)
                        ));
                        continue;
                    }
                    // A list holds the object exactly when the caller sees it.
                    if let (Some((key, pointer)), Outcome::Allowed, StatusCode::OK) = (row.lists, got, answer.status) {
                        let object = &world.objects[key];
                        let listed = holds(&answer.json(), pointer, &object.id);
                        if listed != sees(caller, object) {
                            if listed {
                                unexpected_allows += 1;
                            }
                            failures.push(format!(
                                "{} {} as {}: {key} {} is {} but it is {}",
                                row.method,
                                fill(row.uri, &world, id),
                                caller.name,
                                object.id,
                                if listed { "listed" } else { "not listed" },
                                if sees(caller, object) { "within reach" } else { "outside reach" }
                            ));
                        }
                    }
                }
                let line: Vec<String> = columns.iter().map(|short| statuses[short].to_string()).collect();
                let label = if label.is_empty() { String::new() } else { format!(" [{label}]") };
                writeln!(report, "{} {}{label}: {}", row.method, row.uri, line.join(" ")).unwrap();
            }
        }
        let api_routes = api_rows().len();
        let page_rows = page_rows().len();
        writeln!(
            report,
            "{} rows ({api_routes} API, {page_rows} pages) x {} callers: {cells} cells",
            api_routes + page_rows,
            CALLERS.len()
        )
        .unwrap();
        assert!(
            failures.is_empty(),
            "{} of {cells} cells differ from their rule ({unexpected_allows} unexpected allows):\n{}",
            failures.len(),
            failures.join("\n")
        );
        insta::assert_snapshot!("matrix", report);
        common::verified(&store).await;
    }
}
