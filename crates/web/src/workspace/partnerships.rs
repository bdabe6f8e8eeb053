//! `/workspace/partnerships`: the local-production partnerships the signed-in party is a side
//! of, at their stages, with the steps either side may take next (negotiate, agree, start
//! production, abandon), and a form proposing a new one (`app::partnerships`, as
//! `/api/v1/partnerships`).

use app::partnerships::{CAPACITY_PER_YEAR_MAX, NewPartnershipInput};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::access::Action;
use domain::cooperation::partnership::{PartnershipAction, PartnershipKind, PartnershipStage};
use domain::party::{Party, PartyKind, Product};
use store::agreements::Partnership;

use super::form::{Failed, Field, Form, Submitted, done, done_notice, see_other, submit};
use super::maker::{
    ROWS_MAX, failed, finish, named, page_notice, party_options, party_text, product_options,
    read_failed, within,
};
use super::{ActionRow, ActionTable, Block, Cell, Signed, show};
use crate::AppState;
use crate::pages::Context;
use crate::pages::locale::{Argument, Locale};

/// The form proposing a partnership.
const FORM: &str = "new-partnership";

/// The steps a partnership at `stage` can take, the first the way forward.
fn steps(stage: PartnershipStage) -> &'static [PartnershipAction] {
    match stage {
        PartnershipStage::Proposed => &[PartnershipAction::Negotiate, PartnershipAction::Abandon],
        PartnershipStage::Negotiating => &[PartnershipAction::Agree, PartnershipAction::Abandon],
        PartnershipStage::Agreed => &[
            PartnershipAction::StartProduction,
            PartnershipAction::Abandon,
        ],
        PartnershipStage::Producing | PartnershipStage::Abandoned => &[],
    }
}

fn actions(signed: &Signed, locale: &Locale, partnership: &Partnership) -> Vec<Form> {
    if !signed.may(&Action::ActOnPartnership {
        manufacturer: partnership.manufacturer.clone(),
        partner: partnership.partner.clone(),
    }) {
        return Vec::new();
    }
    let id = partnership.id;
    steps(partnership.stage)
        .iter()
        .map(|action| {
            let form = Form::new(
                signed,
                &format!("{}-{id}", action.as_str().replace('_', "-")),
                format!("/workspace/partnerships/{id}/{}", action.as_str()),
                named(locale, "partnership-action", action.as_str()),
            )
            .inline();
            if *action == PartnershipAction::Abandon {
                form.secondary()
            } else {
                form
            }
        })
        .collect()
}

async fn view(state: &AppState, context: &Context, signed: &Signed, failed: &Failed) -> Response {
    let locale = context.locale;
    let actor = signed.actor().clone();
    let party = actor.party.clone();
    // Proposing needs an official; which two parties is checked when the form is sent.
    let may_propose = signed.may(&Action::ActOnPartnership {
        manufacturer: party.clone(),
        partner: party.clone(),
    });
    let read = state
        .app
        .read(|tx| async move {
            let partnerships =
                app::partnerships::list(&tx, None, Some(&actor.party), None, ROWS_MAX).await?;
            let (products, parties) = if may_propose {
                (
                    tx.products(None, app::LIST_ITEMS_MAX).await?,
                    super::maker::parties(&tx).await?,
                )
            } else {
                (Vec::new(), Vec::new())
            };
            let names = app::parties::names(&tx).await?;
            Ok((partnerships, products, parties, names))
        })
        .await;
    let (mut partnerships, products, parties, names) = match read {
        Ok(read) => read,
        Err(error) => return read_failed(error),
    };
    partnerships.reverse();
    let mut rendered: Vec<String> = Vec::new();
    let rows = partnerships
        .iter()
        .map(|partnership| {
            let forms: Vec<Form> = actions(signed, locale, partnership)
                .into_iter()
                .map(|form| form.refill(failed))
                .collect();
            rendered.extend(forms.iter().map(|form| form.id.clone()));
            ActionRow {
                cells: vec![
                    Cell::text(locale.with(
                        "ws-maker-partnership-number",
                        &[("id", Argument::Text(partnership.id.to_string()))],
                    )),
                    Cell::text(party_text(
                        locale,
                        &names,
                        if partnership.manufacturer == party {
                            &partnership.partner
                        } else {
                            &partnership.manufacturer
                        },
                    )),
                    Cell::text(partnership.product.as_str()),
                    Cell::text(partnership.site.clone()),
                    Cell::text(named(locale, "partnership-kind", partnership.kind.as_str())),
                    Cell::text(locale.number(partnership.capacity_per_year)),
                    Cell::text(named(
                        locale,
                        "partnership-stage",
                        partnership.stage.as_str(),
                    )),
                ],
                actions: forms,
            }
        })
        .collect();
    if may_propose {
        rendered.push(FORM.to_owned());
    }
    let shown: Vec<&str> = rendered.iter().map(String::as_str).collect();
    let mut blocks = Vec::new();
    blocks.extend(done_notice(locale, context.query("done")));
    blocks.extend(page_notice(failed, &shown));
    blocks.push(Block::Paragraph(locale.t("ws-maker-partnerships-lead")));
    blocks.push(Block::Table(ActionTable {
        caption: locale.t("ws-nav-partnerships"),
        header: vec![
            locale.t("ws-maker-col-partnership"),
            locale.t("ws-maker-col-with"),
            locale.t("ws-maker-col-product"),
            locale.t("ws-maker-col-site"),
            locale.t("ws-maker-col-kind"),
            locale.t("ws-maker-col-capacity-per-year"),
            locale.t("ws-maker-col-stage"),
        ],
        actions_header: locale.t("ws-col-actions"),
        rows,
        empty: locale.t("ws-maker-no-partnerships"),
    }));
    if may_propose {
        blocks.push(Block::Form(
            new_partnership_form(signed, locale, &products, &parties, &names).refill(failed),
        ));
    }
    show(
        state,
        context,
        signed,
        "partnerships",
        locale.t("ws-nav-partnerships"),
        blocks,
        failed.status(),
    )
    .await
}

fn new_partnership_form(
    signed: &Signed,
    locale: &Locale,
    products: &[Product],
    parties: &[Party],
    names: &std::collections::BTreeMap<domain::ledger::PartyCode, String>,
) -> Form {
    let party = &signed.caller.user.party;
    let form = Form::new(
        signed,
        FORM,
        "/workspace/partnerships",
        locale.t("ws-maker-partnership-propose"),
    )
    .legend(locale.t("ws-maker-partnership-new"));
    // A manufacturer proposes to make one of its products with a partner; anyone else
    // proposes to make a manufacturer's product itself.
    let form = if signed.caller.user.party_kind == PartyKind::Manufacturer {
        let own: Vec<Product> = products
            .iter()
            .filter(|product| product.manufacturer == *party)
            .cloned()
            .collect();
        let mut partners = vec![(String::new(), locale.t("ws-maker-choose"))];
        partners.extend(party_options(
            locale,
            parties,
            &[
                PartyKind::Country,
                PartyKind::Organization,
                PartyKind::Manufacturer,
            ],
            party,
        ));
        form.field(Field::hidden("manufacturer", party.as_str()))
            .field(
                Field::new("partner", "select", locale.t("ws-maker-field-partner"))
                    .required()
                    .options(partners),
            )
            .field(
                Field::new("product", "select", locale.t("ws-maker-field-product"))
                    .required()
                    .options(product_options(locale, &own)),
            )
    } else {
        let mut makers = vec![(String::new(), locale.t("ws-maker-choose"))];
        makers.extend(party_options(
            locale,
            parties,
            &[PartyKind::Manufacturer],
            party,
        ));
        let mut choices = vec![(String::new(), locale.t("ws-maker-choose"))];
        choices.extend(products.iter().map(|product| {
            (
                product.code.as_str().to_owned(),
                format!(
                    "{} — {}",
                    super::maker::product_text(product),
                    party_text(locale, names, &product.manufacturer)
                ),
            )
        }));
        form.field(
            Field::new(
                "manufacturer",
                "select",
                locale.t("ws-maker-field-manufacturer"),
            )
            .required()
            .options(makers),
        )
        .field(Field::hidden("partner", party.as_str()))
        .field(
            Field::new("product", "select", locale.t("ws-maker-field-product"))
                .required()
                .options(choices),
        )
    };
    let mut kinds = vec![(String::new(), locale.t("ws-maker-choose"))];
    kinds.extend(PartnershipKind::ALL.iter().map(|kind| {
        (
            kind.as_str().to_owned(),
            named(locale, "partnership-kind", kind.as_str()),
        )
    }));
    form.field(
        Field::new("site", "text", locale.t("ws-maker-field-site"))
            .required()
            .hint(locale.t("ws-maker-hint-site")),
    )
    .field(
        Field::new(
            "kind",
            "select",
            locale.t("ws-maker-field-partnership-kind"),
        )
        .required()
        .options(kinds),
    )
    .field(
        Field::new(
            "capacity_per_year",
            "number",
            locale.t("ws-maker-field-capacity-per-year"),
        )
        .required(),
    )
}

/// `GET /workspace/partnerships`.
pub async fn page(State(state): State<AppState>, context: Context, signed: Signed) -> Response {
    view(&state, &context, &signed, &Failed::default()).await
}

/// `POST /workspace/partnerships`: proposes a partnership between the signed-in party and
/// another.
pub async fn create(
    State(state): State<AppState>,
    context: Context,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let mut parsed = submitted.parse(locale);
    let mut extra = Vec::new();
    let manufacturer = parsed.required("manufacturer");
    let partner = parsed.required("partner");
    let product = parsed.required("product");
    let site = parsed.required("site");
    let kind_names: Vec<&str> = PartnershipKind::ALL
        .iter()
        .map(|kind| kind.as_str())
        .collect();
    let kind = parsed.choice("kind", &kind_names);
    let capacity_per_year = within(
        &mut parsed,
        &mut extra,
        locale,
        "capacity_per_year",
        CAPACITY_PER_YEAR_MAX,
    );
    if let Err(failed) = finish(parsed, &submitted, FORM, extra) {
        return view(&state, &context, &submitted.signed, &failed).await;
    }
    let (
        Some(manufacturer),
        Some(partner),
        Some(product),
        Some(site),
        Some(kind),
        Some(capacity_per_year),
    ) = (
        manufacturer,
        partner,
        product,
        site,
        kind,
        capacity_per_year,
    )
    else {
        return view(&state, &context, &submitted.signed, &Failed::default()).await;
    };
    let input = NewPartnershipInput {
        manufacturer,
        partner,
        product,
        site,
        kind,
        capacity_per_year,
    };
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let result = submit(&state, &submitted, FORM, |tx| {
        let (actor, input) = (actor.clone(), input.clone());
        async move {
            app::partnerships::create(&tx, now, &actor, &input).await?;
            Ok(done(
                "/workspace/partnerships",
                "maker-partnership-proposed",
            ))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, FORM, &error, None);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}

/// `POST /workspace/partnerships/{id}/{action}`: moves a partnership to its next stage, or
/// abandons it.
pub async fn act(
    State(state): State<AppState>,
    context: Context,
    Path((id, action)): Path<(i64, String)>,
    submitted: Submitted,
) -> Response {
    let locale = context.locale;
    let Ok(action) = PartnershipAction::parse(&action) else {
        let failed = Failed {
            form: String::new(),
            notice: Some(locale.t("ws-error-choice")),
            status: Some(StatusCode::NOT_FOUND),
            ..Failed::default()
        };
        return view(&state, &context, &submitted.signed, &failed).await;
    };
    let form = format!("{}-{id}", action.as_str().replace('_', "-"));
    let actor = submitted.signed.actor().clone();
    let now = state.app.now();
    let message = if action == PartnershipAction::Abandon {
        "maker-partnership-abandoned"
    } else {
        "maker-partnership-moved"
    };
    let result = submit(&state, &submitted, &form, |tx| {
        let actor = actor.clone();
        async move {
            app::partnerships::act(&tx, now, &actor, id, action).await?;
            Ok(done("/workspace/partnerships", message))
        }
    })
    .await;
    match result {
        Ok(location) => see_other(&location),
        Err(error) => {
            let failed = failed(&submitted, locale, &form, &error, None);
            view(&state, &context, &submitted.signed, &failed).await
        }
    }
}
