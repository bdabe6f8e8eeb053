//! `/countries`: every country's doses and doses per 100 people on the latest day, sortable
//! by any column and filtered by name or income group, by links and a form (no script).

use std::cmp::Ordering;

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::coverage::{Grouping, PlatformCoverageRow};

use super::locale::Argument;
use super::{Context, Frame, render};
use crate::{ApiError, AppState};

/// The income groups a reader can filter by: `(query value, group name)`.
pub const GROUP_FILTERS: [(&str, &str); 4] = [
    ("low", "Low income"),
    ("lower-middle", "Lower middle income"),
    ("upper-middle", "Upper middle income"),
    ("high", "High income"),
];

/// The columns, by their query name and message.
const COLUMNS: [(&str, &str); 4] = [
    ("name", "col-country"),
    ("group", "col-income-group"),
    ("doses", "col-doses"),
    ("per_100", "col-per-100"),
];

struct Column {
    text: String,
    href: String,
    sorted: &'static str,
    arrow: &'static str,
}

struct Row {
    href: String,
    name: String,
    group: String,
    doses: String,
    per_100: String,
}

#[derive(Template)]
#[template(path = "countries.html")]
struct Countries {
    frame: Frame,
    heading: String,
    lead: String,
    filter_name: String,
    filter_group: String,
    apply: String,
    q: String,
    sort: String,
    order: String,
    groups: Vec<(String, String, bool)>,
    shown: String,
    empty: String,
    columns: Vec<Column>,
    rows: Vec<Row>,
}

/// `GET /countries?sort=name|group|doses|per_100&order=asc|desc&q=&group=`.
pub async fn page(State(state): State<AppState>, context: Context) -> Result<Response, ApiError> {
    let now = state.app.now();
    let reference = &state.app.reference;
    let (day, rows, countries) = state
        .app
        .read(|tx| async move {
            let (_, to) = app::coverage::default_span(&tx, now.date()).await?;
            let sources = app::coverage::sources_cached(&tx, reference).await?;
            let rows = app::coverage::series(&sources, to, to, Grouping::Country, None)?;
            Ok((to, rows, sources.countries))
        })
        .await?;
    let locale = context.locale;
    let sort = context
        .query("sort")
        .filter(|column| COLUMNS.iter().any(|(name, _)| name == column))
        .unwrap_or("name");
    let descending = context.query("order") == Some("desc");
    let query = context.query("q").unwrap_or_default().trim().to_owned();
    let needle = query.to_lowercase();
    let group_filter = GROUP_FILTERS
        .iter()
        .find(|(value, _)| Some(*value) == context.query("group"));
    struct Entry<'a> {
        code: &'a str,
        name: String,
        group: Option<domain::country::IncomeGroup>,
        row: &'a PlatformCoverageRow,
    }
    let mut entries: Vec<Entry<'_>> = rows
        .iter()
        .filter_map(|row| {
            let country = countries
                .iter()
                .find(|country| country.code.as_str() == row.reference.group)?;
            Some(Entry {
                code: country.code.as_str(),
                name: locale.country(country.code.as_str(), &country.name),
                group: country.income_group,
                row,
            })
        })
        .filter(|entry| {
            needle.is_empty()
                || entry.name.to_lowercase().contains(&needle)
                || entry.code.to_lowercase().contains(&needle)
        })
        .filter(|entry| {
            group_filter
                .is_none_or(|(_, name)| entry.group.is_some_and(|group| group.name() == *name))
        })
        .collect();
    let rank = |group: Option<domain::country::IncomeGroup>| {
        group.and_then(|group| {
            GROUP_FILTERS
                .iter()
                .position(|(_, name)| *name == group.name())
        })
    };
    entries.sort_by(|left, right| {
        let by_name = left.name.to_lowercase().cmp(&right.name.to_lowercase());
        let order = match sort {
            "group" => rank(left.group).cmp(&rank(right.group)),
            "doses" => left.row.reference.doses.cmp(&right.row.reference.doses),
            "per_100" => left
                .row
                .reference
                .per_100
                .partial_cmp(&right.row.reference.per_100)
                .unwrap_or(Ordering::Equal),
            _ => Ordering::Equal,
        };
        let order = if descending { order.reverse() } else { order };
        if sort == "name" {
            if descending {
                by_name.reverse()
            } else {
                by_name
            }
        } else {
            order.then(by_name)
        }
    });
    let link = |column: &str, order: &str| {
        let mut query_string = form_urlencoded::Serializer::new(String::new());
        query_string.append_pair("sort", column);
        query_string.append_pair("order", order);
        if !query.is_empty() {
            query_string.append_pair("q", &query);
        }
        if let Some((value, _)) = group_filter {
            query_string.append_pair("group", value);
        }
        format!("/countries?{}", query_string.finish())
    };
    let columns = COLUMNS
        .iter()
        .map(|(column, message)| {
            let current = *column == sort;
            let next = if current && !descending {
                "desc"
            } else {
                "asc"
            };
            Column {
                text: locale.t(message),
                href: link(column, next),
                sorted: match (current, descending) {
                    (false, _) => "",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
                arrow: match (current, descending) {
                    (false, _) => "",
                    (true, false) => "▲",
                    (true, true) => "▼",
                },
            }
        })
        .collect();
    let mut groups = vec![(
        String::new(),
        locale.t("filter-any"),
        group_filter.is_none(),
    )];
    groups.extend(GROUP_FILTERS.iter().map(|(value, name)| {
        (
            (*value).to_owned(),
            locale.group(name),
            group_filter.is_some_and(|(chosen, _)| chosen == value),
        )
    }));
    let count = i64::try_from(entries.len()).unwrap_or(i64::MAX);
    let rows = entries
        .iter()
        .map(|entry| Row {
            href: format!("/countries/{}", entry.code),
            name: entry.name.clone(),
            group: entry.group.map_or_else(
                || locale.t("group-none"),
                |group| locale.group(group.name()),
            ),
            doses: locale.number(entry.row.reference.doses),
            per_100: entry
                .row
                .reference
                .per_100
                .map_or_else(|| "–".to_owned(), |value| locale.decimal(value, 2)),
        })
        .collect();
    let heading = locale.t("countries-title");
    let page = Countries {
        frame: context.frame(heading.clone(), "countries"),
        lead: locale.with(
            "countries-lead",
            &[("date", Argument::Text(locale.date(day)))],
        ),
        heading,
        filter_name: locale.t("filter-name"),
        filter_group: locale.t("filter-group"),
        apply: locale.t("filter-apply"),
        q: query.clone(),
        sort: sort.to_owned(),
        order: if descending { "desc" } else { "asc" }.to_owned(),
        groups,
        shown: locale.with(
            "filter-shown",
            &[(
                "count",
                Argument::Text(super::dashboard::countries_text(locale, count)),
            )],
        ),
        empty: locale.t("countries-empty"),
        columns,
        rows,
    };
    Ok(render(&context, &page))
}
