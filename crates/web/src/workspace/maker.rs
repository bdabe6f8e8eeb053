//! What a manufacturer's pages share (their products as choices, names of states and kinds in
//! the page's language, refusals said in it) and what waits for a manufacturer on its home
//! page: offers still open to answers, partnerships proposed to it, its lots at risk of
//! expiry.

use std::collections::BTreeMap;

use app::AppError;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use domain::cooperation::partnership::PartnershipStage;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Product};

use super::form::{Failed, Parsed, Submitted};
use super::{Block, Link, Signed};
use crate::AppState;
use crate::pages::locale::{Argument, Locale};

/// The most rows a workspace table of the manufacturer's pages lists.
pub const ROWS_MAX: i64 = 500;

/// How near its expiry a lot still with its manufacturer waits on the home page, in days. A
/// manufacturer administers nothing, so at its rate every dose it holds is "at risk"
/// (`app::expiry`); what it must act on is what expires soon.
pub const EXPIRY_NEAR_DAYS: i64 = 90;

/// The error page of a failed read.
pub fn read_failed(error: AppError) -> Response {
    crate::ApiError::from(error).into_response()
}

/// `code` with its name, as a choice or a cell: `Vaxzevria (AZD1222)`.
pub fn product_text(product: &Product) -> String {
    format!("{} ({})", product.name, product.code.as_str())
}

/// The products as the options of a `select`, with an empty first choice.
pub fn product_options(locale: &Locale, products: &[Product]) -> Vec<(String, String)> {
    let mut options = vec![(String::new(), locale.t("ws-maker-choose"))];
    options.extend(
        products
            .iter()
            .map(|product| (product.code.as_str().to_owned(), product_text(product))),
    );
    options
}

/// A party's name in the page's language (a country's from the locale data), with its code.
pub fn party_text(
    locale: &Locale,
    names: &BTreeMap<PartyCode, String>,
    code: &PartyCode,
) -> String {
    let name = crate::pages::party_name(locale, names, code);
    // A manufacturer or organization is usually named as its code is (AstraZeneca,
    // astrazeneca): the code would only repeat it.
    if name.eq_ignore_ascii_case(code.as_str()) {
        name
    } else {
        format!("{name} ({})", code.as_str())
    }
}

/// The parties of `kinds` other than `except`, as options: organizations and manufacturers
/// first, then countries, each by name in the page's language.
pub fn party_options(
    locale: &Locale,
    parties: &[Party],
    kinds: &[PartyKind],
    except: &PartyCode,
) -> Vec<(String, String)> {
    let mut named: Vec<(bool, String, String)> = parties
        .iter()
        .filter(|party| kinds.contains(&party.kind) && party.code != *except)
        .map(|party| {
            let name = locale.country(party.code.as_str(), &party.name);
            (
                party.kind == PartyKind::Country,
                format!("{name} ({})", party.code.as_str()),
                party.code.as_str().to_owned(),
            )
        })
        .collect();
    named.sort();
    named
        .into_iter()
        .map(|(_, text, code)| (code, text))
        .collect()
}

/// Every party, for the choices of a form (a few hundred at most).
pub async fn parties(tx: &store::Tx) -> Result<Vec<Party>, AppError> {
    Ok(tx.parties(None, app::LIST_ITEMS_MAX).await?)
}

/// A state or kind (`2-8C`, `fill_finish`, `open`) in the page's language:
/// `ws-maker-{family}-{value}`.
pub fn named(locale: &Locale, family: &str, value: &str) -> String {
    let id = format!(
        "ws-maker-{family}-{}",
        value
            .to_ascii_lowercase()
            .replace(['_', '.'], "-")
            .trim_start_matches('-')
    );
    locale.find(&id).unwrap_or_else(|| value.to_owned())
}

/// A whole number of doses, grouped as the page's language does.
pub fn doses(locale: &Locale, value: i64) -> String {
    locale.with(
        "ws-maker-doses",
        &[
            ("n", Argument::Count(value)),
            ("doses", Argument::Text(locale.number(value))),
        ],
    )
}

/// The page shown again after `error` of the form `form`, in the page's language where the
/// catalogue says it better than the use case: a taken code or number beside `exists_field`
/// (or for the whole form), and an object that changed meanwhile.
pub fn failed(
    submitted: &Submitted,
    locale: &Locale,
    form: &str,
    error: &AppError,
    exists: Option<(&str, &str)>,
) -> Failed {
    let mut failed = submitted.failed(locale, form, error);
    match error {
        AppError::Conflict {
            code: "already_exists",
            ..
        } => {
            if let Some((field, message)) = exists {
                failed.notice = None;
                if field.is_empty() {
                    failed.notice = Some(locale.t(message));
                } else {
                    failed.errors.insert(field.to_owned(), locale.t(message));
                }
                failed.status = Some(StatusCode::CONFLICT);
            }
        }
        AppError::Conflict {
            code: "invalid_state",
            ..
        } => failed.notice = Some(locale.t("ws-maker-error-changed")),
        _ => {}
    }
    failed
}

/// The refusal of a form whose whole effect the signed-in user may not take (a viewer, or
/// another kind of party): the page again with the sentence, 403.
pub fn denied(submitted: &Submitted, locale: &Locale, form: &str) -> Failed {
    Failed {
        form: form.to_owned(),
        values: submitted.values(),
        notice: Some(locale.t("ws-error-denied")),
        status: Some(StatusCode::FORBIDDEN),
        ..Failed::default()
    }
}

/// The notice of a failure that no form on the page shows (an action of a table's row, or
/// a form not offered to this user).
pub fn page_notice(failed: &Failed, shown_forms: &[&str]) -> Option<Block> {
    let notice = failed.notice.as_ref()?;
    if shown_forms.contains(&failed.form.as_str()) {
        return None;
    }
    Some(Block::Notice {
        tone: "error",
        text: notice.clone(),
    })
}

/// What waits for a manufacturer: its open offers with doses still to be taken (and, for a
/// country or organization, the offers it may answer), partnerships proposed to it by the
/// other side, and its lots with doses at risk of expiry within [`EXPIRY_NEAR_DAYS`]. Empty
/// when nothing waits or the reading failed (the home page still shows the rest).
pub async fn waiting(state: &AppState, signed: &Signed, locale: &Locale) -> Vec<Block> {
    let actor = signed.actor().clone();
    let now = state.app.now();
    let read = state
        .app
        .read(|tx| async move {
            let offers = app::offers::list(
                &tx,
                &actor,
                &app::offers::OfferQuery {
                    state: Some(domain::cooperation::offer::OfferState::Open),
                    limit: ROWS_MAX,
                    ..Default::default()
                },
            )
            .await?;
            let partnerships =
                app::partnerships::list(&tx, None, Some(&actor.party), None, ROWS_MAX).await?;
            let at_risk = app::expiry::list(&tx, now, &actor, Some(&actor.party)).await?;
            let lots = app::lots::list(&tx, &actor, None, ROWS_MAX).await?;
            let names = app::parties::names(&tx).await?;
            Ok((offers, partnerships, at_risk, lots, names))
        })
        .await;
    let Ok((offers, partnerships, at_risk, lots, names)) = read else {
        return Vec::new();
    };
    let today = now.date();
    let party = &signed.caller.user.party;
    let mut links = Vec::new();
    for offer in offers
        .iter()
        .filter(|offer| offer.available_to >= today && offer.doses > offer.doses_taken)
    {
        let left = offer.doses - offer.doses_taken;
        let text = if offer.manufacturer == *party {
            locale.with(
                "ws-maker-waiting-offer-open",
                &[
                    ("offer", Argument::Text(offer.id.to_string())),
                    ("product", Argument::Text(offer.product.as_str().to_owned())),
                    ("left", Argument::Text(doses(locale, left))),
                    ("until", Argument::Text(locale.date(offer.available_to))),
                ],
            )
        } else {
            locale.with(
                "ws-maker-waiting-offer-to-answer",
                &[
                    ("offer", Argument::Text(offer.id.to_string())),
                    (
                        "manufacturer",
                        Argument::Text(party_text(locale, &names, &offer.manufacturer)),
                    ),
                    ("product", Argument::Text(offer.product.as_str().to_owned())),
                    ("left", Argument::Text(doses(locale, left))),
                    ("until", Argument::Text(locale.date(offer.available_to))),
                ],
            )
        };
        links.push(Link {
            href: "/workspace/offers".into(),
            text,
        });
    }
    for partnership in partnerships.iter().filter(|partnership| {
        partnership.stage == PartnershipStage::Proposed && partnership.proposed_by != *party
    }) {
        links.push(Link {
            href: "/workspace/partnerships".into(),
            text: locale.with(
                "ws-maker-waiting-partnership",
                &[
                    (
                        "party",
                        Argument::Text(party_text(locale, &names, &partnership.proposed_by)),
                    ),
                    (
                        "product",
                        Argument::Text(partnership.product.as_str().to_owned()),
                    ),
                    ("site", Argument::Text(partnership.site.clone())),
                ],
            ),
        });
    }
    let near = today + chrono::Duration::days(EXPIRY_NEAR_DAYS);
    for risk in at_risk
        .iter()
        .filter(|risk| risk.doses_at_risk > 0 && risk.expiry <= near)
    {
        let number = lots
            .iter()
            .find(|lot| lot.id == risk.lot)
            .map_or_else(|| risk.lot.0.to_string(), |lot| lot.lot_number.to_string());
        links.push(Link {
            href: "/workspace/lots".into(),
            text: locale.with(
                "ws-maker-waiting-lot-at-risk",
                &[
                    ("lot", Argument::Text(number)),
                    ("product", Argument::Text(risk.product.as_str().to_owned())),
                    ("at_risk", Argument::Text(doses(locale, risk.doses_at_risk))),
                    ("expiry", Argument::Text(locale.date(risk.expiry))),
                ],
            ),
        });
    }
    if links.is_empty() {
        Vec::new()
    } else {
        vec![Block::Links(links)]
    }
}

/// A whole number from 1 to `maximum`; above it, the page's sentence naming the range is
/// noted in `extra`.
pub fn within(
    parsed: &mut Parsed<'_>,
    extra: &mut Vec<(String, String)>,
    locale: &Locale,
    name: &str,
    maximum: i64,
) -> Option<i64> {
    let number = parsed.positive(name)?;
    if number > maximum {
        extra.push((name.to_owned(), at_most(locale, maximum)));
        return None;
    }
    Some(number)
}

/// "Enter a whole number from 1 to {maximum}."
pub fn at_most(locale: &Locale, maximum: i64) -> String {
    locale.with(
        "ws-maker-error-at-most",
        &[("maximum", Argument::Text(locale.number(maximum)))],
    )
}

/// The errors of `parsed` and the page's own `extra` ones (each field's first kept), as the
/// failure of the form `form` (422), or nothing when every field read well.
pub fn finish(
    parsed: Parsed<'_>,
    submitted: &Submitted,
    form: &str,
    extra: Vec<(String, String)>,
) -> Result<(), Failed> {
    let result = parsed.finish(form);
    if extra.is_empty() {
        return result;
    }
    let mut failed = result.err().unwrap_or_else(|| Failed {
        form: form.to_owned(),
        values: submitted.values(),
        ..Failed::default()
    });
    for (name, message) in extra {
        failed.errors.entry(name).or_insert(message);
    }
    failed.status = Some(StatusCode::UNPROCESSABLE_ENTITY);
    Err(failed)
}
