//! What the dose path's workspace pages share (a country's requests, shares and
//! administration reports, and every holder's shipments and stock): how a lot is named, how
//! a refusal of the ledger or of an object's state is said in the page's language, where a
//! form's sentence goes when the form is not on the page, and what waits on the home page.

use app::AppError;
use axum::http::StatusCode;
use domain::cooperation::shipment::ShipmentState;
use domain::party::{Lot, PartyKind};

use super::form::{Failed, Submitted};
use super::{Block, Link, Signed};
use crate::AppState;
use crate::pages::locale::{Argument, Locale};

/// How many published rounds the pages look through for the party's shares.
pub const ROUNDS_READ_MAX: i64 = 100;

/// A lot as a reader recognises it on its pack: its number, then its product.
pub fn lot_text(lot: &Lot) -> String {
    format!("{} ({})", lot.lot_number.as_str(), lot.product.as_str())
}

/// Days from `today` to a lot's last day of use (negative once it has passed).
pub fn days_left(today: chrono::NaiveDate, expiry: chrono::NaiveDate) -> i64 {
    (expiry - today).num_days()
}

/// "12 August 2021 (in 6 days)": a lot's last day and how far it is.
pub fn expiry_text(locale: &Locale, today: chrono::NaiveDate, expiry: chrono::NaiveDate) -> String {
    let days = days_left(today, expiry);
    let id = if days < 0 {
        "ws-country-expired"
    } else {
        "ws-country-expiry"
    };
    locale.with(
        id,
        &[
            ("date", Argument::Text(locale.date(expiry))),
            ("n", Argument::Count(days)),
        ],
    )
}

/// The page shown again after `error`: [`Submitted::failed`], with the sentences of the
/// refusals these pages meet said in the page's language rather than in the use case's
/// English.
pub fn failed(submitted: &Submitted, locale: &Locale, form: &str, error: &AppError) -> Failed {
    let mut failed = submitted.failed(locale, form, error);
    let code = match error {
        AppError::Conflict { code, .. } | AppError::Refused { code, .. } => *code,
        _ => return failed,
    };
    let id = format!("ws-country-rule-{}", code.replace('_', "-"));
    let Some(text) = locale.find(&id) else {
        return failed;
    };
    // A rule about one field (too few doses held) is said beside that field, as a mistake
    // in what was typed.
    match app::movements::refused_field(code) {
        Some(field) => {
            failed.errors.insert(field.to_owned(), text);
            failed.notice = None;
            failed.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
        }
        None => failed.notice = Some(text),
    }
    failed
}

/// Puts the sentence of a failed submission at the top of the page when its form is not on
/// the page to say it (a viewer's forced submission, an action on a table's row), so that
/// what happened is said somewhere.
pub fn place_notice(blocks: &mut Vec<Block>, failed: &Failed) {
    let Some(notice) = &failed.notice else {
        return;
    };
    // A form of its own shows its sentence itself (it was refilled); the small forms of a
    // table's rows are not, so their sentence goes at the top.
    let shown = blocks
        .iter()
        .any(|block| matches!(block, Block::Form(form) if form.id == failed.form));
    if !shown {
        blocks.insert(
            0,
            Block::Notice {
                tone: "error",
                text: notice.clone(),
            },
        );
    }
}

/// What waits on the dose path for the signed-in party, for its home page: a country's round
/// shares without an answer, shipments to dispatch (the holder) or to confirm (the
/// recipient), and lots with doses at risk of expiring. Every kind of party holds doses, so
/// every kind is asked; shares are a country's only.
pub async fn waiting(state: &AppState, signed: &Signed, locale: &Locale) -> Vec<Link> {
    let now = state.app.now();
    let actor = signed.actor().clone();
    let read = state
        .app
        .read(|tx| async move {
            let mut shares = Vec::new();
            if actor.party_kind == PartyKind::Country {
                for round in app::rounds::published(&tx, ROUNDS_READ_MAX).await? {
                    if round.state != domain::cooperation::round::RoundState::Published {
                        continue;
                    }
                    let Some(proposal) = app::rounds::proposal(&tx, &round).await? else {
                        continue;
                    };
                    if let Some(share) = proposal
                        .shares
                        .iter()
                        .find(|share| share.country == actor.party && share.response.is_none())
                    {
                        shares.push((round.id, round.organization.clone(), share.doses));
                    }
                }
            }
            let (outgoing, incoming) = super::shipments::of_party(&tx, &actor).await?;
            let to_dispatch = outgoing
                .iter()
                .filter(|shipment| shipment.state == ShipmentState::Planned)
                .count();
            let to_confirm = incoming
                .iter()
                .filter(|shipment| shipment.state == ShipmentState::InTransit)
                .count();
            let risk = app::expiry::list(&tx, now, &actor, Some(&actor.party)).await?;
            let names = app::parties::names(&tx).await?;
            Ok((shares, to_dispatch, to_confirm, risk, names))
        })
        .await;
    let Ok((shares, to_dispatch, to_confirm, risk, names)) = read else {
        return Vec::new();
    };
    let count = |n: usize| Argument::Count(i64::try_from(n).unwrap_or(i64::MAX));
    let mut links: Vec<Link> = shares
        .into_iter()
        .map(|(round, organization, doses)| Link {
            href: format!("/workspace/shares#round-{round}"),
            text: locale.with(
                "ws-country-waiting-share",
                &[
                    ("id", Argument::Text(round.to_string())),
                    (
                        "organization",
                        Argument::Text(crate::pages::party_name(locale, &names, &organization)),
                    ),
                    ("doses", Argument::Text(locale.number(doses))),
                ],
            ),
        })
        .collect();
    if to_dispatch > 0 {
        links.push(Link {
            href: "/workspace/shipments#outgoing".into(),
            text: locale.with("ws-country-waiting-dispatch", &[("n", count(to_dispatch))]),
        });
    }
    if to_confirm > 0 {
        links.push(Link {
            href: "/workspace/shipments#incoming".into(),
            text: locale.with("ws-country-waiting-confirm", &[("n", count(to_confirm))]),
        });
    }
    let at_risk: Vec<_> = risk.iter().filter(|row| row.doses_at_risk > 0).collect();
    if !at_risk.is_empty() {
        let doses: i64 = at_risk.iter().map(|row| row.doses_at_risk).sum();
        links.push(Link {
            href: "/workspace/stock#at-risk".into(),
            text: locale.with(
                "ws-country-waiting-risk",
                &[
                    ("n", count(at_risk.len())),
                    ("doses", Argument::Text(locale.number(doses))),
                ],
            ),
        });
    }
    links
}
