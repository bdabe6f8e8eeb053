//! Charts as SVG drawn here, on the server: a line chart over days and a horizontal bar
//! chart. Deterministic (coordinates rounded to a tenth, nothing random or timed), so their
//! snapshots are stable; no script, no file fetched.
//!
//! Series differ by colour (the Okabe–Ito palette, which colour-blind readers can tell
//! apart) and also by line style and marker, or by fill pattern for bars, so nothing rests
//! on colour alone. Labels come in already written in the page's language; the legend is
//! HTML beside the chart ([`legend`]), readable at any size.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use super::escape;

/// How one series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    /// Its colour.
    pub colour: &'static str,
    /// Its stroke pattern (`stroke-dasharray`), empty for a solid line.
    pub dash: &'static str,
    /// Its marker: `circle`, `square`, `triangle`, `diamond` or `none`.
    pub marker: &'static str,
    /// For bars: hatched rather than solid.
    pub hatched: bool,
}

/// The styles, in order: each differs from the others in colour and in line or fill.
pub const STYLES: [Style; 5] = [
    Style {
        colour: "#D55E00",
        dash: "",
        marker: "circle",
        hatched: false,
    },
    Style {
        colour: "#CC79A7",
        dash: "8 4",
        marker: "square",
        hatched: true,
    },
    Style {
        colour: "#009E73",
        dash: "2 4",
        marker: "triangle",
        hatched: false,
    },
    Style {
        colour: "#0072B2",
        dash: "12 4 3 4",
        marker: "diamond",
        hatched: false,
    },
    Style {
        colour: "#000000",
        dash: "",
        marker: "none",
        hatched: false,
    },
];

/// One line of a line chart.
#[derive(Debug, Clone)]
pub struct Line {
    /// Its name in the legend.
    pub label: String,
    /// Its style (one of [`STYLES`]).
    pub style: Style,
    /// Its points, by day.
    pub points: Vec<(NaiveDate, f64)>,
}

/// A line chart of values over days.
pub struct LineChart<'a> {
    /// A name unique on the page, for element ids.
    pub id: &'a str,
    /// What the chart shows, in one sentence (its accessible name).
    pub title: &'a str,
    /// The vertical axis's name and unit.
    pub y_label: &'a str,
    /// The horizontal axis's name.
    pub x_label: &'a str,
    /// The lines.
    pub lines: &'a [Line],
    /// A value on the vertical axis as the page writes it.
    pub y_text: &'a dyn Fn(f64) -> String,
    /// A month's name on the horizontal axis.
    pub month_text: &'a dyn Fn(NaiveDate) -> String,
    /// A line's last value, written at its end.
    pub end_text: &'a dyn Fn(f64) -> String,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 360.0;
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"15\"";

/// A step for about five ticks up to `max`: 1, 2 or 5 times a power of ten.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|factor| factor * power)
        .find(|step| *step >= rough)
        .unwrap_or(10.0 * power)
}

/// A label for SVG text: escaped, and isolated right to left when it holds Arabic script,
/// so that an Arabic date keeps its order inside the chart's left-to-right drawing.
fn label(text: &str) -> String {
    if text
        .chars()
        .any(|character| ('\u{0600}'..='\u{06FF}').contains(&character))
    {
        format!("\u{2067}{}\u{2069}", escape(text))
    } else {
        escape(text)
    }
}

fn tenth(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

fn marker(svg: &mut String, style: Style, x: f64, y: f64) {
    let (x, y, colour) = (x, y, style.colour);
    match style.marker {
        "circle" => write!(
            svg,
            "<circle cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"{colour}\"/>",
            tenth(x),
            tenth(y)
        ),
        "square" => write!(
            svg,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{colour}\"/>",
            tenth(x - 5.0),
            tenth(y - 5.0)
        ),
        "triangle" => write!(
            svg,
            "<path d=\"M{} {}L{} {}L{} {}Z\" fill=\"{colour}\"/>",
            tenth(x),
            tenth(y - 6.0),
            tenth(x + 6.0),
            tenth(y + 5.0),
            tenth(x - 6.0),
            tenth(y + 5.0)
        ),
        "diamond" => write!(
            svg,
            "<path d=\"M{} {}L{} {}L{} {}L{} {}Z\" fill=\"{colour}\"/>",
            tenth(x),
            tenth(y - 7.0),
            tenth(x + 6.0),
            tenth(y),
            tenth(x),
            tenth(y + 7.0),
            tenth(x - 6.0),
            tenth(y)
        ),
        _ => Ok(()),
    }
    .expect("writing to a String cannot fail");
}

fn days_between(from: NaiveDate, to: NaiveDate) -> f64 {
    #[allow(
        clippy::cast_precision_loss,
        reason = "a chart spans at most a few thousand days"
    )]
    let days = (to - from).num_days() as f64;
    days
}

/// The line chart as an SVG element.
pub fn line_chart(chart: &LineChart<'_>) -> String {
    let (left, right, top, bottom) = (64.0, 72.0, 20.0, 64.0);
    let (plot_width, plot_height) = (WIDTH - left - right, HEIGHT - top - bottom);
    let points = chart.lines.iter().flat_map(|line| line.points.iter());
    let first = points.clone().map(|(day, _)| *day).min();
    let last = points.clone().map(|(day, _)| *day).max();
    let max = points.map(|(_, value)| *value).fold(0.0, f64::max);
    let step = nice_step(max);
    let top_value = ((max / step).ceil() * step).max(step);
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{id}-title\" {FONT}>\n<title id=\"{id}-title\">{title}</title>\n",
        id = escape(chart.id),
        title = escape(chart.title),
    );
    let (Some(first), Some(last)) = (first, last) else {
        svg.push_str("</svg>");
        return svg;
    };
    let span = days_between(first, last).max(1.0);
    let x_of = |day: NaiveDate| left + plot_width * days_between(first, day) / span;
    let y_of = |value: f64| top + plot_height * (1.0 - value / top_value);
    // Horizontal grid lines and the vertical axis's values.
    let mut value = 0.0;
    while value <= top_value + step / 2.0 {
        let y = tenth(y_of(value));
        writeln!(
            svg,
            "<line x1=\"{left}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#d0d0d0\"/><text x=\"{}\" y=\"{y}\" dy=\"5\" text-anchor=\"end\" fill=\"#333\">{}</text>",
            WIDTH - right,
            left - 8.0,
            label(&(chart.y_text)(value)),
        )
        .expect("writing to a String cannot fail");
        value += step;
    }
    // A tick at each month's first day.
    let mut months = Vec::new();
    let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
    while month <= last {
        if month >= first {
            months.push(month);
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(last.succ_opt().unwrap_or(last));
    }
    // Over more than a year, only January and July are named, so that the names (which
    // then need their year) keep apart; the other months keep a shorter tick.
    let every = if months.len() > 12 { 6 } else { 1 };
    for month in months {
        let x = tenth(x_of(month));
        if month.month0() % every == 0 {
            writeln!(
                svg,
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
                HEIGHT - bottom,
                HEIGHT - bottom + 6.0,
                HEIGHT - bottom + 24.0,
                label(&(chart.month_text)(month)),
            )
        } else {
            writeln!(
                svg,
                "<line x1=\"{x}\" x2=\"{x}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>",
                HEIGHT - bottom,
                HEIGHT - bottom + 3.0,
            )
        }
        .expect("writing to a String cannot fail");
    }
    writeln!(
        svg,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{}\" stroke=\"#555\"/><line x1=\"{left}\" x2=\"{}\" y1=\"{}\" y2=\"{}\" stroke=\"#555\"/>",
        HEIGHT - bottom,
        WIDTH - right,
        HEIGHT - bottom,
        HEIGHT - bottom,
    )
    .expect("writing to a String cannot fail");
    writeln!(
        svg,
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
        tenth(left + plot_width / 2.0),
        HEIGHT - 10.0,
        label(chart.x_label),
    )
    .expect("writing to a String cannot fail");
    writeln!(
        svg,
        "<text transform=\"translate(16 {}) rotate(-90)\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
        tenth(top + plot_height / 2.0),
        label(chart.y_label),
    )
    .expect("writing to a String cannot fail");
    for line in chart.lines {
        let mut path = String::new();
        for (index, (day, value)) in line.points.iter().enumerate() {
            let command = if index == 0 { 'M' } else { 'L' };
            write!(
                path,
                "{command}{} {}",
                tenth(x_of(*day)),
                tenth(y_of(*value))
            )
            .expect("writing to a String cannot fail");
        }
        let dash = if line.style.dash.is_empty() {
            String::new()
        } else {
            format!(" stroke-dasharray=\"{}\"", line.style.dash)
        };
        writeln!(
            svg,
            "<path d=\"{path}\" fill=\"none\" stroke=\"{}\" stroke-width=\"3\"{dash}/>",
            line.style.colour
        )
        .expect("writing to a String cannot fail");
        if let Some((day, value)) = line.points.last() {
            marker(&mut svg, line.style, x_of(*day), y_of(*value));
            svg.push('\n');
        }
    }
    // Each line's last value at its end, pushed apart so that close values stay readable.
    let mut ends: Vec<(f64, String, &str)> = chart
        .lines
        .iter()
        .filter_map(|line| {
            line.points
                .last()
                .map(|(_, value)| (y_of(*value), (chart.end_text)(*value), line.style.colour))
        })
        .collect();
    ends.sort_by(|left, right| left.0.total_cmp(&right.0));
    let gap = 17.0;
    for index in 1..ends.len() {
        let floor = ends[index - 1].0 + gap;
        if ends[index].0 < floor {
            ends[index].0 = floor;
        }
    }
    let overflow = ends.last().map_or(0.0, |(y, _, _)| y - (HEIGHT - bottom));
    for (y, text, colour) in &ends {
        writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" dy=\"5\" fill=\"{colour}\" font-weight=\"700\">{}</text>",
            WIDTH - right + 12.0,
            tenth(y - overflow.max(0.0)),
            label(text),
        )
        .expect("writing to a String cannot fail");
    }
    svg.push_str("</svg>");
    svg
}

/// One series of a bar chart: a value per category.
#[derive(Debug, Clone)]
pub struct Bars {
    /// Its name in the legend.
    pub label: String,
    /// Its style (one of [`STYLES`]).
    pub style: Style,
    /// One value per category, in the categories' order.
    pub values: Vec<f64>,
}

/// A horizontal bar chart: a group of bars per category.
pub struct BarChart<'a> {
    /// A name unique on the page, for element ids.
    pub id: &'a str,
    /// What the chart shows, in one sentence (its accessible name).
    pub title: &'a str,
    /// The value axis's name and unit.
    pub value_label: &'a str,
    /// The categories, top to bottom.
    pub categories: &'a [String],
    /// The series, drawn in this order within each category.
    pub series: &'a [Bars],
    /// A value as the page writes it.
    pub value_text: &'a dyn Fn(f64) -> String,
}

/// The bar chart as an SVG element.
pub fn bar_chart(chart: &BarChart<'_>) -> String {
    let bar_height = 18.0;
    let series_count = chart.series.len().max(1);
    #[allow(
        clippy::cast_precision_loss,
        reason = "a handful of series and at most a few hundred categories"
    )]
    let (series_size, category_count) = (series_count as f64, chart.categories.len() as f64);
    let group_height = bar_height * series_size + 14.0;
    let (left, right, top, bottom) = (200.0, 110.0, 10.0, 56.0);
    let height = top + bottom + group_height * category_count;
    let plot_width = WIDTH - left - right;
    let max = chart
        .series
        .iter()
        .flat_map(|series| series.values.iter().copied())
        .fold(0.0, f64::max);
    let step = nice_step(max);
    let top_value = ((max / step).ceil() * step).max(step);
    let x_of = |value: f64| left + plot_width * value / top_value;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {}\" role=\"img\" aria-labelledby=\"{id}-title\" {FONT}>\n<title id=\"{id}-title\">{title}</title>\n",
        tenth(height),
        id = escape(chart.id),
        title = escape(chart.title),
    );
    if let Some(series) = chart.series.iter().find(|series| series.style.hatched) {
        writeln!(
            svg,
            "<defs><pattern id=\"{id}-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"{colour}\"/></pattern></defs>",
            id = escape(chart.id),
            colour = series.style.colour,
        )
        .expect("writing to a String cannot fail");
    }
    let plot_bottom = height - bottom;
    let mut value = 0.0;
    while value <= top_value + step / 2.0 {
        let x = tenth(x_of(value));
        writeln!(
            svg,
            "<line x1=\"{x}\" x2=\"{x}\" y1=\"{top}\" y2=\"{}\" stroke=\"#d0d0d0\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
            tenth(plot_bottom),
            tenth(plot_bottom + 22.0),
            label(&(chart.value_text)(value)),
        )
        .expect("writing to a String cannot fail");
        value += step;
    }
    for (index, category) in chart.categories.iter().enumerate() {
        #[allow(
            clippy::cast_precision_loss,
            reason = "at most a few hundred categories"
        )]
        let group_top = top + group_height * index as f64 + 7.0;
        writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#111\">{}</text>",
            left - 8.0,
            tenth(group_top + bar_height * series_size / 2.0 + 5.0),
            label(category),
        )
        .expect("writing to a String cannot fail");
        for (position, series) in chart.series.iter().enumerate() {
            let value = series.values.get(index).copied().unwrap_or(0.0);
            #[allow(clippy::cast_precision_loss, reason = "a handful of series")]
            let y = group_top + bar_height * position as f64;
            let fill = if series.style.hatched {
                format!("url(#{}-hatch)", escape(chart.id))
            } else {
                series.style.colour.to_owned()
            };
            let width = (x_of(value) - left).max(0.0);
            writeln!(
                svg,
                "<rect x=\"{left}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"#111\">{}</text>",
                tenth(y),
                tenth(width),
                bar_height - 2.0,
                series.style.colour,
                tenth(left + width + 6.0),
                tenth(y + bar_height - 5.0),
                label(&(chart.value_text)(value)),
            )
            .expect("writing to a String cannot fail");
        }
    }
    writeln!(
        svg,
        "<line x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{}\" stroke=\"#555\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#333\">{}</text>",
        tenth(plot_bottom),
        tenth(left + plot_width / 2.0),
        tenth(height - 8.0),
        label(chart.value_label),
    )
    .expect("writing to a String cannot fail");
    svg.push_str("</svg>");
    svg
}

/// The HTML legend of a chart: each series' name beside a sample of its line or bar.
pub fn legend(entries: &[(String, Style)], bars: bool) -> String {
    let mut html = String::from("<ul class=\"legend\">");
    for (label, style) in entries {
        let sample = if bars {
            if style.hatched {
                format!(
                    "<defs><pattern id=\"legend-hatch-{colour}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"{hex}\"/></pattern></defs><rect x=\"1\" y=\"2\" width=\"30\" height=\"14\" fill=\"url(#legend-hatch-{colour})\" stroke=\"{hex}\"/>",
                    colour = style.colour.trim_start_matches('#'),
                    hex = style.colour,
                )
            } else {
                format!(
                    "<rect x=\"1\" y=\"2\" width=\"30\" height=\"14\" fill=\"{0}\" stroke=\"{0}\"/>",
                    style.colour
                )
            }
        } else {
            let dash = if style.dash.is_empty() {
                String::new()
            } else {
                format!(" stroke-dasharray=\"{}\"", style.dash)
            };
            let mut sample = format!(
                "<path d=\"M2 9L40 9\" stroke=\"{}\" stroke-width=\"3\"{dash}/>",
                style.colour
            );
            marker(&mut sample, *style, 40.0, 9.0);
            sample
        };
        write!(
            html,
            "<li><svg width=\"48\" height=\"18\" viewBox=\"0 0 48 18\" aria-hidden=\"true\">{sample}</svg> {}</li>",
            escape(label)
        )
        .expect("writing to a String cannot fail");
    }
    html.push_str("</ul>");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2021, month, day).unwrap()
    }

    #[test]
    fn a_line_chart_is_the_same_svg_every_time() {
        let lines = vec![
            Line {
                label: "Low income".into(),
                style: STYLES[0],
                points: vec![(day(6, 1), 0.8), (day(7, 1), 1.1), (day(8, 4), 1.48)],
            },
            Line {
                label: "High income".into(),
                style: STYLES[3],
                points: vec![(day(6, 1), 70.2), (day(7, 1), 88.0), (day(8, 4), 97.5)],
            },
        ];
        let chart = LineChart {
            id: "coverage",
            title: "Doses per 100 people by income group",
            y_label: "Doses per 100 people",
            x_label: "Day",
            lines: &lines,
            y_text: &|value| format!("{value:.0}"),
            month_text: &|day| day.format("%b").to_string(),
            end_text: &|value| format!("{value:.2}"),
        };
        let svg = line_chart(&chart);
        assert_eq!(svg, line_chart(&chart));
        insta::assert_snapshot!("line_chart", svg);
    }

    #[test]
    fn a_bar_chart_is_the_same_svg_every_time() {
        let categories = vec!["France".to_owned(), "Team <Europe>".to_owned()];
        let series = vec![
            Bars {
                label: "Pledged".into(),
                style: STYLES[3],
                values: vec![80_000.0, 120_000.0],
            },
            Bars {
                label: "Delivered".into(),
                style: STYLES[1],
                values: vec![30_000.0, 0.0],
            },
        ];
        let chart = BarChart {
            id: "fulfilment",
            title: "Doses pledged and delivered, by donor",
            value_label: "Doses",
            categories: &categories,
            series: &series,
            value_text: &|value| format!("{value:.0}"),
        };
        let svg = bar_chart(&chart);
        assert!(svg.contains("Team &lt;Europe&gt;"));
        insta::assert_snapshot!("bar_chart", svg);
        insta::assert_snapshot!(
            "bar_legend",
            legend(
                &[
                    ("Pledged".into(), STYLES[3]),
                    ("Delivered".into(), STYLES[1])
                ],
                true
            )
        );
    }

    #[test]
    fn over_more_than_a_year_only_january_and_july_are_named() {
        let start = day(8, 4);
        let lines = vec![Line {
            label: "Low income".into(),
            style: STYLES[0],
            points: (0..=730u32)
                .step_by(7)
                .map(|offset| {
                    (
                        start + chrono::Duration::days(i64::from(offset)),
                        f64::from(offset) / 10.0,
                    )
                })
                .collect(),
        }];
        let svg = line_chart(&LineChart {
            id: "long",
            title: "Two years",
            y_label: "Doses per 100 people",
            x_label: "Day",
            lines: &lines,
            y_text: &|value| format!("{value:.0}"),
            month_text: &|day| day.format("%b %Y").to_string(),
            end_text: &|value| format!("{value:.1}"),
        });
        let named: Vec<&str> = svg
            .split("text-anchor=\"middle\" fill=\"#333\">")
            .skip(1)
            .filter_map(|rest| rest.split('<').next())
            .filter(|text| text.ends_with(|last: char| last.is_ascii_digit()))
            .collect();
        assert_eq!(named, ["Jan 2022", "Jul 2022", "Jan 2023", "Jul 2023"]);
        // Every month keeps its tick: the 24 first days from September 2021 to August 2023.
        assert_eq!(svg.matches("stroke=\"#555\"/>").count(), 24 + 2, "{svg}");
    }

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(97.5), 20.0);
        assert_eq!(nice_step(120_000.0), 25_000.0);
        assert_eq!(nice_step(0.0), 1.0);
    }
}
