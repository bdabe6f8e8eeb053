//! What a run shows: the terminal table, `coverage.csv`, `events.csv`, `expired.csv`, the
//! JSON object and `chart.svg` (`spec/simulator.md`, "Outputs"). Every function is a pure
//! rendering of an [`Outcome`]: the same outcome gives the same bytes.

use std::fmt::Write as _;

use chrono::{Datelike, Duration, NaiveDate};
use serde_json::{Map, Value, json};

use crate::Outcome;
use crate::model::PolicyRun;
use crate::world::{GROUP_NAMES, GROUPS};

/// The coverages whose day of reaching is reported, doses per 100 people.
pub const THRESHOLDS_PER_100: [u32; 4] = [10, 20, 40, 70];

/// Name of the holder of unowned production in the expired tables.
pub const POOL: &str = "Pool";

/// Doses per 100 people.
fn per_100(doses: u64, population: u64) -> f64 {
    if population == 0 {
        return 0.0;
    }
    #[allow(
        clippy::cast_precision_loss,
        reason = "doses and people are far below 2^52"
    )]
    let value = doses as f64 * 100.0 / population as f64;
    value
}

/// The first day (counted from the start) on which a group row has at least `threshold`
/// doses per 100 people, if within the horizon.
pub fn reached(run: &PolicyRun, population: u64, group: usize, threshold: u32) -> Option<usize> {
    // doses × 100 >= threshold × population, in integers.
    let needed = u128::from(threshold) * u128::from(population);
    run.series
        .iter()
        .position(|row| u128::from(row[group]) * 100 >= needed)
}

fn date(outcome: &Outcome, day: usize) -> NaiveDate {
    outcome.start + Duration::days(i64::try_from(day).unwrap_or(i64::MAX))
}

fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// Expired doses by holder: the four groups, then the pool.
fn expired_names() -> [&'static str; GROUPS] {
    [
        GROUP_NAMES[0],
        GROUP_NAMES[1],
        GROUP_NAMES[2],
        GROUP_NAMES[3],
        POOL,
    ]
}

/// The terminal table: per policy, the day each group reaches each threshold, its coverage
/// at the end, the doses expired by holder and the dose account.
pub fn table(outcome: &Outcome) -> String {
    let mut text = String::new();
    let end = date(outcome, usize::try_from(outcome.days).unwrap_or(0));
    writeln!(
        text,
        "Simulated from {} to {end} ({} day{}); dates on which each group reaches doses per 100 people",
        outcome.start,
        outcome.days,
        if outcome.days == 1 { "" } else { "s" }
    )
    .ok();
    for run in &outcome.policies {
        writeln!(text, "\n{}", run.name).ok();
        let mut header = format!("  {:<21}", "group");
        for threshold in THRESHOLDS_PER_100 {
            write!(header, "  {:>10}", format!("{threshold} per 100")).ok();
        }
        write!(
            header,
            "  {:>13}  {:>15}",
            "final per 100", "expired (held)"
        )
        .ok();
        writeln!(text, "{header}").ok();
        for (group, name) in GROUP_NAMES.iter().enumerate() {
            let mut line = format!("  {name:<21}");
            for threshold in THRESHOLDS_PER_100 {
                let cell = reached(run, outcome.population[group], group, threshold)
                    .map(|day| date(outcome, day).to_string())
                    .unwrap_or_else(|| "-".into());
                write!(line, "  {cell:>10}").ok();
            }
            let last = run.series.last().map(|row| row[group]).unwrap_or(0);
            // The world's row: every expired dose, the pool's included.
            let expired = if group == GROUPS - 1 {
                run.doses.expired
            } else {
                run.expired_by_holder[group]
            };
            write!(
                line,
                "  {:>13.1}  {:>15}",
                per_100(last, outcome.population[group]),
                thousands(expired)
            )
            .ok();
            writeln!(text, "{line}").ok();
        }
        let doses = &run.doses;
        writeln!(
            text,
            "  doses: produced {}, in stock at start {}, administered {}, expired {} (of which the pool's {}), in stock {}, in transit {}, shared {}",
            thousands(doses.produced),
            thousands(doses.stock_at_start),
            thousands(doses.administered),
            thousands(doses.expired),
            thousands(run.expired_by_holder[GROUPS - 1]),
            thousands(doses.in_stock),
            thousands(doses.in_transit),
            thousands(doses.shared),
        )
        .ok();
    }
    writeln!(
        text,
        "\n(-: not within the horizon; expired (held): doses expired unused by the income group of their holder; the world's row counts them all, the pool's included)"
    )
    .ok();
    text
}

/// A CSV field: quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// `coverage.csv`: `policy,date,group,doses,population,per_100`, one row per policy, day and
/// group row.
pub fn coverage_csv(outcome: &Outcome) -> String {
    let mut text = String::from("policy,date,group,doses,population,per_100\n");
    for run in &outcome.policies {
        let policy = field(&run.name);
        for (day, row) in run.series.iter().enumerate() {
            let day = date(outcome, day);
            for (group, name) in GROUP_NAMES.iter().enumerate() {
                writeln!(
                    text,
                    "{policy},{day},{name},{},{},{:.4}",
                    row[group],
                    outcome.population[group],
                    per_100(row[group], outcome.population[group])
                )
                .ok();
            }
        }
    }
    text
}

/// `events.csv`: `policy,group,threshold_per_100,date`, the date empty when not reached.
pub fn events_csv(outcome: &Outcome) -> String {
    let mut text = String::from("policy,group,threshold_per_100,date\n");
    for run in &outcome.policies {
        let policy = field(&run.name);
        for (group, name) in GROUP_NAMES.iter().enumerate() {
            for threshold in THRESHOLDS_PER_100 {
                let day = reached(run, outcome.population[group], group, threshold)
                    .map(|day| date(outcome, day).to_string())
                    .unwrap_or_default();
                writeln!(text, "{policy},{name},{threshold},{day}").ok();
            }
        }
    }
    text
}

/// `expired.csv`: `policy,group,doses`, by the income group of the holder, then the pool.
pub fn expired_csv(outcome: &Outcome) -> String {
    let mut text = String::from("policy,group,doses\n");
    for run in &outcome.policies {
        let policy = field(&run.name);
        for (name, doses) in expired_names().iter().zip(run.expired_by_holder) {
            writeln!(text, "{policy},{name},{doses}").ok();
        }
    }
    text
}

/// The JSON object of `--format json`.
pub fn json(outcome: &Outcome) -> Value {
    let policies: Vec<Value> = outcome
        .policies
        .iter()
        .map(|run| {
            let mut reached_by_group = Map::new();
            let mut final_per_100 = Map::new();
            for (group, name) in GROUP_NAMES.iter().enumerate() {
                let mut days = Map::new();
                for threshold in THRESHOLDS_PER_100 {
                    let day = reached(run, outcome.population[group], group, threshold)
                        .map(|day| Value::String(date(outcome, day).to_string()))
                        .unwrap_or(Value::Null);
                    days.insert(threshold.to_string(), day);
                }
                reached_by_group.insert((*name).to_owned(), Value::Object(days));
                let last = run.series.last().map(|row| row[group]).unwrap_or(0);
                let value = (per_100(last, outcome.population[group]) * 10.0).round() / 10.0;
                final_per_100.insert((*name).to_owned(), json!(value));
            }
            let mut expired = Map::new();
            for (name, doses) in expired_names().iter().zip(run.expired_by_holder) {
                expired.insert((*name).to_owned(), json!(doses));
            }
            json!({
                "name": run.name,
                "reached": reached_by_group,
                "final_per_100": final_per_100,
                "doses": run.doses,
                "expired_by_group": expired,
            })
        })
        .collect();
    json!({
        "start": outcome.start.to_string(),
        "days": outcome.days,
        "policies": policies,
    })
}

/// Colours and dash patterns of the group rows: each line differs by both.
const STYLES: [(&str, &str); GROUPS] = [
    ("#c0392b", ""),
    ("#d68910", "8 4"),
    ("#2471a3", "2 3"),
    ("#7d3c98", "10 3 2 3"),
    ("#222222", "14 4 2 4 2 4"),
];

/// `chart.svg`: doses per 100 people by income group over time, one panel per policy side
/// by side on a common scale, with the thresholds as guides, a legend, axis labels, the
/// source and the start day. Written by hand, with fixed decimals, so it is byte-stable.
pub fn chart_svg(outcome: &Outcome, title: &str) -> String {
    let panels = outcome.policies.len().max(1);
    let panel_width = 300.0;
    let panel_height = 260.0;
    let gap = 30.0;
    let left = 70.0;
    let top = 96.0;
    #[allow(clippy::cast_precision_loss, reason = "a handful of panels")]
    let width = (left + panels as f64 * (panel_width + gap) + 10.0).max(left + 5.0 * 185.0);
    let height = top + panel_height + 110.0;
    let days = outcome.days.max(1);

    let mut top_value: f64 = 70.0;
    for run in &outcome.policies {
        for row in &run.series {
            for (group, &doses) in row.iter().enumerate() {
                top_value = top_value.max(per_100(doses, outcome.population[group]));
            }
        }
    }
    let step = if top_value > 200.0 { 50.0 } else { 25.0 };
    let y_max = (top_value / step).ceil() * step;

    let mut svg = String::new();
    writeln!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif" font-size="12" role="img" aria-labelledby="chart-title">"#
    )
    .ok();
    writeln!(svg, r#"<title id="chart-title">{}</title>"#, escape(title)).ok();
    writeln!(
        svg,
        r##"<rect width="100%" height="100%" fill="#ffffff"/>"##
    )
    .ok();
    writeln!(
        svg,
        r#"<text x="{left:.0}" y="24" font-size="16" font-weight="bold">{}</text>"#,
        escape(title)
    )
    .ok();

    // Legend: one entry per group row, with its colour and dash pattern.
    for (group, name) in GROUP_NAMES.iter().enumerate() {
        let (colour, dash) = STYLES[group];
        #[allow(clippy::cast_precision_loss, reason = "five entries")]
        let x = left + group as f64 * 185.0;
        let y = 50.0;
        writeln!(
            svg,
            r#"<line x1="{x:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="{colour}" stroke-width="2.5"{}/>"#,
            x + 28.0,
            dash_attribute(dash)
        )
        .ok();
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}">{name}</text>"#,
            x + 34.0,
            y + 4.0
        )
        .ok();
    }

    let y_of = |value: f64| top + panel_height - value / y_max * panel_height;
    for (index, run) in outcome.policies.iter().enumerate() {
        #[allow(clippy::cast_precision_loss, reason = "a handful of panels")]
        let x0 = left + index as f64 * (panel_width + gap);
        let x_of = |day: usize| {
            #[allow(clippy::cast_precision_loss, reason = "days are few")]
            let fraction = day as f64 / f64::from(days);
            x0 + fraction * panel_width
        };
        writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-weight="bold" text-anchor="middle">{}</text>"#,
            x0 + panel_width / 2.0,
            top - 12.0,
            escape(&run.name)
        )
        .ok();
        // Grid and y axis labels.
        let mut value = 0.0;
        while value <= y_max + 1e-9 {
            let y = y_of(value);
            writeln!(
                svg,
                r##"<line x1="{x0:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#e5e5e5"/>"##,
                x0 + panel_width
            )
            .ok();
            if index == 0 {
                writeln!(
                    svg,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="end">{value:.0}</text>"#,
                    x0 - 6.0,
                    y + 4.0
                )
                .ok();
            }
            value += step;
        }
        // The thresholds, as faint dashed guides.
        for threshold in THRESHOLDS_PER_100 {
            let y = y_of(f64::from(threshold));
            writeln!(
                svg,
                r##"<line x1="{x0:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#999999" stroke-width="0.8" stroke-dasharray="2 4"/>"##,
                x0 + panel_width
            )
            .ok();
            if index == panels - 1 {
                writeln!(
                    svg,
                    r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#777777">{threshold}</text>"##,
                    x0 + panel_width + 3.0,
                    y + 3.0
                )
                .ok();
            }
        }
        // x axis: a tick at the first day of every third month.
        writeln!(
            svg,
            r##"<line x1="{x0:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#333333"/>"##,
            top + panel_height,
            x0 + panel_width,
            top + panel_height
        )
        .ok();
        writeln!(
            svg,
            r##"<line x1="{x0:.1}" y1="{top:.1}" x2="{x0:.1}" y2="{:.1}" stroke="#333333"/>"##,
            top + panel_height
        )
        .ok();
        for day in 0..=usize::try_from(days).unwrap_or(0) {
            let when = date(outcome, day);
            if when.day() == 1 && (when.month() - 1).is_multiple_of(3) {
                let x = x_of(day);
                writeln!(
                    svg,
                    r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#333333"/>"##,
                    top + panel_height,
                    top + panel_height + 4.0
                )
                .ok();
                // Labels every six months on horizons over a year, so they do not collide.
                if days <= 400 || (when.month() - 1).is_multiple_of(6) {
                    writeln!(
                        svg,
                        r#"<text x="{x:.1}" y="{:.1}" font-size="10" text-anchor="middle">{}-{:02}</text>"#,
                        top + panel_height + 16.0,
                        when.year(),
                        when.month()
                    )
                    .ok();
                }
            }
        }
        // The lines: weekly points and the last day.
        for (group, _) in GROUP_NAMES.iter().enumerate() {
            let (colour, dash) = STYLES[group];
            let mut points = String::new();
            let last = run.series.len().saturating_sub(1);
            for (day, row) in run.series.iter().enumerate() {
                if day % 7 != 0 && day != last {
                    continue;
                }
                let value = per_100(row[group], outcome.population[group]);
                if !points.is_empty() {
                    points.push(' ');
                }
                write!(points, "{:.1},{:.1}", x_of(day), y_of(value)).ok();
            }
            writeln!(
                svg,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2"{} points="{points}"/>"#,
                dash_attribute(dash)
            )
            .ok();
        }
    }
    // Axis titles, source and start.
    writeln!(
        svg,
        r#"<text x="16" y="{:.1}" transform="rotate(-90 16 {:.1})" text-anchor="middle">doses administered per 100 people</text>"#,
        top + panel_height / 2.0,
        top + panel_height / 2.0
    )
    .ok();
    writeln!(
        svg,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">date (year-month)</text>"#,
        left + (width - left) / 2.0,
        top + panel_height + 38.0
    )
    .ok();
    writeln!(
        svg,
        r##"<text x="{left:.0}" y="{:.1}" font-size="10" fill="#555555">Simulated by Equidose from the state on {} over {} day{}. Data: Our World in Data (CC BY 4.0), UN World Population Prospects, World Bank income groups.</text>"##,
        top + panel_height + 64.0,
        outcome.start,
        outcome.days,
        if outcome.days == 1 { "" } else { "s" }
    )
    .ok();
    writeln!(
        svg,
        r##"<text x="{left:.0}" y="{:.1}" font-size="10" fill="#555555">Dotted guides: 10, 20, 40 and 70 doses per 100 people. Groups' populations are the sums of their countries'.</text>"##,
        top + panel_height + 80.0
    )
    .ok();
    svg.push_str("</svg>\n");
    svg
}

fn dash_attribute(dash: &str) -> String {
    if dash.is_empty() {
        String::new()
    } else {
        format!(r#" stroke-dasharray="{dash}""#)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
