//! The pages' seven languages: which one a request gets (`?lang=`, then the `lang` cookie,
//! then `Accept-Language`, then English), its Fluent messages (`locales/{lang}/*.ftl`) and
//! its numbers, dates and country names from ICU4X's compiled data (nothing read at run time).
//!
//! Numbers reach messages already formatted (as text), so no message can show a raw
//! `11453979`; plural forms are chosen by ICU4X through the `PLURAL` function, whose rules are
//! newer than fluent's own.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use fixed_decimal::Decimal;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{M, YM, YMD};
use icu_decimal::DecimalFormatter;
use icu_locale_core::Locale as IcuLocale;
use icu_plurals::{PluralCategory, PluralRules};

/// One of the pages' languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Arabic, written right to left.
    Ar,
    /// Chinese (simplified).
    Zh,
    /// English, the fallback.
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
    /// Icelandic.
    Is,
}

impl Lang {
    /// Every language, in the order the switcher lists them.
    pub const ALL: [Lang; 7] = [
        Lang::Ar,
        Lang::Zh,
        Lang::En,
        Lang::Fr,
        Lang::Ru,
        Lang::Es,
        Lang::Is,
    ];

    /// The language's code: `ar`, `zh`, `en`, `fr`, `ru`, `es`, `is`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
            Lang::Es => "es",
            Lang::Is => "is",
        }
    }

    /// The language's name in itself, for the switcher.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Ar => "العربية",
            Lang::Zh => "中文",
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ru => "Русский",
            Lang::Es => "Español",
            Lang::Is => "Íslenska",
        }
    }

    /// `rtl` for Arabic, `ltr` for the others.
    pub fn direction(self) -> &'static str {
        if self == Lang::Ar { "rtl" } else { "ltr" }
    }

    /// The language of a tag (`fr`, `fr-CA`, `zh-Hans-CN`, `IS`), if it is one of the seven.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|lang| lang.code() == primary)
    }

    fn index(self) -> usize {
        Lang::ALL
            .iter()
            .position(|lang| *lang == self)
            .unwrap_or_default()
    }
}

/// The language a request gets: `?lang=` if it names one of the seven, else the `lang`
/// cookie's, else the most preferred of `Accept-Language` (by weight, a regional tag falling
/// back to its language), else English.
pub fn negotiate(query: Option<&str>, cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
    query
        .and_then(Lang::parse)
        .or_else(|| cookie.and_then(Lang::parse))
        .or_else(|| accept_language.and_then(preferred))
        .unwrap_or(Lang::En)
}

/// The most preferred of the seven in an `Accept-Language` value; `q=0` means "not this".
fn preferred(accept_language: &str) -> Option<Lang> {
    let mut candidates: Vec<(u16, usize, Lang)> = Vec::new();
    for (position, entry) in accept_language.split(',').enumerate() {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::parse) else {
            continue;
        };
        let mut weight = 1000;
        for parameter in parts {
            if let Some(value) = parameter.trim().strip_prefix("q=") {
                weight = value
                    .trim()
                    .parse::<f32>()
                    .ok()
                    .filter(|value| (0.0..=1.0).contains(value))
                    // Within 0..=1000 by the filter above.
                    .map_or(0, |value| {
                        #[allow(
                            clippy::cast_possible_truncation,
                            clippy::cast_sign_loss,
                            reason = "0 ≤ value ≤ 1 so the product fits"
                        )]
                        let thousandths = (value * 1000.0).round() as u16;
                        thousandths
                    });
            }
        }
        if weight > 0 {
            candidates.push((weight, position, lang));
        }
    }
    // The highest weight wins; between equal weights, the first listed.
    candidates.sort_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(&right.1)));
    candidates.first().map(|(_, _, lang)| *lang)
}

/// The catalogues, compiled in: `(language, file name, text)`.
const CATALOGUES: &[(Lang, &str, &str)] = &[
    (
        Lang::Ar,
        "common.ftl",
        include_str!("../../locales/ar/common.ftl"),
    ),
    (
        Lang::Ar,
        "pages.ftl",
        include_str!("../../locales/ar/pages.ftl"),
    ),
    (
        Lang::Ar,
        "workspace.ftl",
        include_str!("../../locales/ar/workspace.ftl"),
    ),
    (
        Lang::Ar,
        "workspace-forum.ftl",
        include_str!("../../locales/ar/workspace-forum.ftl"),
    ),
    (
        Lang::Ar,
        "workspace-country.ftl",
        include_str!("../../locales/ar/workspace-country.ftl"),
    ),
    (
        Lang::Zh,
        "common.ftl",
        include_str!("../../locales/zh/common.ftl"),
    ),
    (
        Lang::Zh,
        "pages.ftl",
        include_str!("../../locales/zh/pages.ftl"),
    ),
    (
        Lang::Zh,
        "workspace.ftl",
        include_str!("../../locales/zh/workspace.ftl"),
    ),
    (
        Lang::Zh,
        "workspace-forum.ftl",
        include_str!("../../locales/zh/workspace-forum.ftl"),
    ),
    (
        Lang::Zh,
        "workspace-country.ftl",
        include_str!("../../locales/zh/workspace-country.ftl"),
    ),
    (
        Lang::En,
        "common.ftl",
        include_str!("../../locales/en/common.ftl"),
    ),
    (
        Lang::En,
        "pages.ftl",
        include_str!("../../locales/en/pages.ftl"),
    ),
    (
        Lang::En,
        "workspace.ftl",
        include_str!("../../locales/en/workspace.ftl"),
    ),
    (
        Lang::En,
        "workspace-forum.ftl",
        include_str!("../../locales/en/workspace-forum.ftl"),
    ),
    (
        Lang::En,
        "workspace-country.ftl",
        include_str!("../../locales/en/workspace-country.ftl"),
    ),
    (
        Lang::Fr,
        "common.ftl",
        include_str!("../../locales/fr/common.ftl"),
    ),
    (
        Lang::Fr,
        "pages.ftl",
        include_str!("../../locales/fr/pages.ftl"),
    ),
    (
        Lang::Fr,
        "workspace.ftl",
        include_str!("../../locales/fr/workspace.ftl"),
    ),
    (
        Lang::Fr,
        "workspace-forum.ftl",
        include_str!("../../locales/fr/workspace-forum.ftl"),
    ),
    (
        Lang::Fr,
        "workspace-country.ftl",
        include_str!("../../locales/fr/workspace-country.ftl"),
    ),
    (
        Lang::Ru,
        "common.ftl",
        include_str!("../../locales/ru/common.ftl"),
    ),
    (
        Lang::Ru,
        "pages.ftl",
        include_str!("../../locales/ru/pages.ftl"),
    ),
    (
        Lang::Ru,
        "workspace.ftl",
        include_str!("../../locales/ru/workspace.ftl"),
    ),
    (
        Lang::Ru,
        "workspace-forum.ftl",
        include_str!("../../locales/ru/workspace-forum.ftl"),
    ),
    (
        Lang::Ru,
        "workspace-country.ftl",
        include_str!("../../locales/ru/workspace-country.ftl"),
    ),
    (
        Lang::Es,
        "common.ftl",
        include_str!("../../locales/es/common.ftl"),
    ),
    (
        Lang::Es,
        "pages.ftl",
        include_str!("../../locales/es/pages.ftl"),
    ),
    (
        Lang::Es,
        "workspace.ftl",
        include_str!("../../locales/es/workspace.ftl"),
    ),
    (
        Lang::Es,
        "workspace-forum.ftl",
        include_str!("../../locales/es/workspace-forum.ftl"),
    ),
    (
        Lang::Es,
        "workspace-country.ftl",
        include_str!("../../locales/es/workspace-country.ftl"),
    ),
    (
        Lang::Is,
        "common.ftl",
        include_str!("../../locales/is/common.ftl"),
    ),
    (
        Lang::Is,
        "pages.ftl",
        include_str!("../../locales/is/pages.ftl"),
    ),
    (
        Lang::Is,
        "workspace.ftl",
        include_str!("../../locales/is/workspace.ftl"),
    ),
    (
        Lang::Is,
        "workspace-forum.ftl",
        include_str!("../../locales/is/workspace-forum.ftl"),
    ),
    (
        Lang::Ar,
        "workspace-maker.ftl",
        include_str!("../../locales/ar/workspace-maker.ftl"),
    ),
    (
        Lang::Zh,
        "workspace-maker.ftl",
        include_str!("../../locales/zh/workspace-maker.ftl"),
    ),
    (
        Lang::En,
        "workspace-maker.ftl",
        include_str!("../../locales/en/workspace-maker.ftl"),
    ),
    (
        Lang::Fr,
        "workspace-maker.ftl",
        include_str!("../../locales/fr/workspace-maker.ftl"),
    ),
    (
        Lang::Ru,
        "workspace-maker.ftl",
        include_str!("../../locales/ru/workspace-maker.ftl"),
    ),
    (
        Lang::Es,
        "workspace-maker.ftl",
        include_str!("../../locales/es/workspace-maker.ftl"),
    ),
    (
        Lang::Is,
        "workspace-maker.ftl",
        include_str!("../../locales/is/workspace-maker.ftl"),
    ),
    (
        Lang::Is,
        "workspace-country.ftl",
        include_str!("../../locales/is/workspace-country.ftl"),
    ),
];

/// Every message id of a language's catalogues, for the completeness test.
pub fn message_ids(lang: Lang) -> Vec<String> {
    let mut ids = Vec::new();
    for (_, _, text) in CATALOGUES.iter().filter(|(of, _, _)| *of == lang) {
        let Ok(resource) = FluentResource::try_new((*text).to_owned()) else {
            continue;
        };
        for entry in resource.entries() {
            if let fluent_syntax::ast::Entry::Message(message) = entry {
                ids.push(message.id.name.to_owned());
            }
        }
    }
    ids.sort();
    ids
}

/// What a page needs of its language: messages, formatters, country names.
pub struct Locale {
    /// The language.
    pub lang: Lang,
    bundle: FluentBundle<FluentResource>,
    decimal: DecimalFormatter,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    month: FixedCalendarDateTimeFormatter<Gregorian, M>,
    month_year: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    countries: HashMap<&'static str, String>,
    /// The catalogues' syntax errors, for the tests (none in a good build).
    pub errors: Vec<String>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Locale")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

static LOCALES: LazyLock<Vec<Locale>> =
    LazyLock::new(|| Lang::ALL.into_iter().map(Locale::load).collect());

/// The locale of `lang`, loaded once.
pub fn locale(lang: Lang) -> &'static Locale {
    &LOCALES[lang.index()]
}

/// `PLURAL($n)`: the category ICU4X's rules give a whole number in the language.
fn plural_function(
    rules: Option<PluralRules>,
) -> impl for<'a> Fn(&[FluentValue<'a>], &FluentArgs<'_>) -> FluentValue<'a> + Send + Sync + 'static
{
    move |positional, _| {
        let category = match (positional.first(), &rules) {
            (Some(FluentValue::Number(number)), Some(rules)) => {
                #[allow(
                    clippy::cast_possible_truncation,
                    reason = "counts on pages are whole and far below i64's range"
                )]
                let whole = number.value as i64;
                rules.category_for(whole)
            }
            _ => PluralCategory::Other,
        };
        FluentValue::String(plural_category_name(category).into())
    }
}

fn plural_category_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

impl Locale {
    fn load(lang: Lang) -> Locale {
        let icu: IcuLocale = lang.code().parse().unwrap_or(IcuLocale::UNKNOWN);
        let identifier: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![identifier]);
        let mut errors = Vec::new();
        for (_, file, text) in CATALOGUES.iter().filter(|(of, _, _)| *of == lang) {
            match FluentResource::try_new((*text).to_owned()) {
                Ok(resource) => {
                    if let Err(problems) = bundle.add_resource(resource) {
                        errors.extend(problems.iter().map(|error| format!("{file}: {error:?}")));
                    }
                }
                Err((resource, problems)) => {
                    errors.extend(problems.iter().map(|error| format!("{file}: {error:?}")));
                    let _ = bundle.add_resource(resource);
                }
            }
        }
        let rules = PluralRules::try_new_cardinal(icu.clone().into()).ok();
        let plural = plural_function(rules);
        if let Err(error) = bundle.add_function("PLURAL", plural) {
            errors.push(format!("PLURAL: {error:?}"));
        }
        let decimal = DecimalFormatter::try_new(icu.clone().into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("ICU4X's compiled data has a decimal formatter for the root locale");
        let date = FixedCalendarDateTimeFormatter::try_new(icu.clone().into(), YMD::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YMD::long()))
            .expect("ICU4X's compiled data has a date formatter for the root locale");
        let month = FixedCalendarDateTimeFormatter::try_new(icu.clone().into(), M::medium())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), M::medium()))
            .expect("ICU4X's compiled data has a month formatter for the root locale");
        let month_year = FixedCalendarDateTimeFormatter::try_new(icu.clone().into(), YM::long())
            .or_else(|_| FixedCalendarDateTimeFormatter::try_new(Default::default(), YM::long()))
            .expect("ICU4X's compiled data has a year-month formatter for the root locale");
        let mut countries = HashMap::new();
        for (alpha_3, alpha_2) in super::regions::ALPHA_2 {
            let Ok(region) = alpha_2.parse::<icu_locale_core::subtags::Region>() else {
                continue;
            };
            if let Ok(name) =
                icu_locale::names::RegionDisplayName::try_new_light(icu.clone().into(), region)
            {
                countries.insert(*alpha_3, name.to_string());
            }
        }
        Locale {
            lang,
            bundle,
            decimal,
            date,
            month,
            month_year,
            countries,
            errors,
        }
    }

    /// The message `id`; a missing one shows as `⟦id⟧`, which the tests look for.
    pub fn t(&self, id: &str) -> String {
        self.message(id, None)
    }

    /// The message `id`, if the catalogue has it.
    pub fn find(&self, id: &str) -> Option<String> {
        self.bundle.get_message(id)?.value()?;
        Some(self.t(id))
    }

    /// The message `id` with its arguments (text already formatted, or counts for `PLURAL`).
    pub fn with(&self, id: &str, arguments: &[(&str, Argument)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in arguments {
            match value {
                Argument::Text(text) => args.set(*name, FluentValue::String(text.clone().into())),
                Argument::Count(count) => {
                    #[allow(
                        clippy::cast_precision_loss,
                        reason = "counts on pages are far below 2^53"
                    )]
                    let number = *count as f64;
                    args.set(*name, FluentValue::from(number));
                }
            }
        }
        self.message(id, Some(&args))
    }

    fn message(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let Some(pattern) = self
            .bundle
            .get_message(id)
            .and_then(|message| message.value())
        else {
            return format!("⟦{id}⟧");
        };
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, args, &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            format!("⟦{id}⟧")
        }
    }

    /// A whole number, grouped as the language does (`11 453 979` in French).
    pub fn number(&self, value: i64) -> String {
        self.decimal.format(&Decimal::from(value)).to_string()
    }

    /// A number with `places` decimals (`1,48` in French), rounded half away from zero.
    pub fn decimal(&self, value: f64, places: u8) -> String {
        let scale = 10f64.powi(i32::from(places));
        #[allow(
            clippy::cast_possible_truncation,
            reason = "figures on pages are far inside i64's range"
        )]
        let scaled = (value * scale).round() as i64;
        let mut decimal = Decimal::from(scaled);
        decimal.multiply_pow10(-i16::from(places));
        decimal.absolute.pad_end(-i16::from(places));
        self.decimal.format(&decimal).to_string()
    }

    /// A percentage of a share (`0.625` → `62,5 %` in French), with one decimal.
    pub fn percent(&self, share: f64) -> String {
        self.with(
            "percent",
            &[("value", Argument::Text(self.decimal(share * 100.0, 1)))],
        )
    }

    /// A day, written out (`4 août 2021`).
    pub fn date(&self, day: NaiveDate) -> String {
        match gregorian(day) {
            Some(date) => self.date.format(&date).to_string(),
            None => day.to_string(),
        }
    }

    /// A month's short name (`août`), for chart axes.
    pub fn month(&self, day: NaiveDate) -> String {
        match gregorian(day) {
            Some(date) => self.month.format(&date).to_string(),
            None => day.format("%m").to_string(),
        }
    }

    /// A month and its year, written out (`août 2021`), for the axes of charts longer than a
    /// year (the medium form is numeric in Arabic).
    pub fn month_year(&self, day: NaiveDate) -> String {
        match gregorian(day) {
            Some(date) => self.month_year.format(&date).to_string(),
            None => day.format("%Y-%m").to_string(),
        }
    }

    /// A country's name in the language, where the locale data has it; else `fallback`
    /// (the reference data's English name).
    pub fn country(&self, code: &str, fallback: &str) -> String {
        self.countries
            .get(code)
            .cloned()
            .unwrap_or_else(|| fallback.to_owned())
    }

    /// An income group's name (`Low income`, `World`) in the language.
    pub fn group(&self, group: &str) -> String {
        let id = match group {
            "Low income" => "group-low",
            "Lower middle income" => "group-lower-middle",
            "Upper middle income" => "group-upper-middle",
            "High income" => "group-high",
            "World" => "group-world",
            other => return other.to_owned(),
        };
        self.t(id)
    }
}

fn gregorian(day: NaiveDate) -> Option<Date<Gregorian>> {
    let month = u8::try_from(day.month()).ok()?;
    let day_of_month = u8::try_from(day.day()).ok()?;
    Date::try_new_gregorian(day.year(), month, day_of_month).ok()
}

/// An argument of a message.
#[derive(Debug, Clone)]
pub enum Argument {
    /// Text, numbers already formatted.
    Text(String),
    /// A count, for `PLURAL($n)`; shown through a formatted twin argument.
    Count(i64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_gets_its_language_by_query_cookie_then_weighted_accept_language() {
        assert_eq!(negotiate(Some("fr"), Some("ru"), Some("es")), Lang::Fr);
        assert_eq!(negotiate(Some("xx"), Some("ru"), Some("es")), Lang::Ru);
        assert_eq!(
            negotiate(None, None, Some("fr-CA,fr;q=0.9,en;q=0.8")),
            Lang::Fr
        );
        assert_eq!(
            negotiate(None, None, Some("de-DE, is;q=0.5, ar;q=0.7")),
            Lang::Ar
        );
        assert_eq!(negotiate(None, None, Some("zh-Hans-CN")), Lang::Zh);
        assert_eq!(negotiate(None, None, Some("fr;q=0, es;q=0.1")), Lang::Es);
        assert_eq!(negotiate(None, None, Some("de, ja")), Lang::En);
        assert_eq!(negotiate(None, None, None), Lang::En);
    }

    #[test]
    fn numbers_dates_and_countries_follow_the_language() {
        let french = locale(Lang::Fr);
        assert_eq!(french.number(11_453_979), "11\u{202f}453\u{202f}979");
        assert_eq!(french.decimal(1.4766, 2), "1,48");
        assert_eq!(french.decimal(97.5, 2), "97,50");
        assert_eq!(french.country("ETH", "Ethiopia"), "Éthiopie");
        assert_eq!(locale(Lang::En).decimal(1.4766, 2), "1.48");
        assert_eq!(locale(Lang::En).number(11_453_979), "11,453,979");
        assert_eq!(locale(Lang::Es).number(11_453_979), "11.453.979");
        assert_eq!(locale(Lang::Ru).number(11_453_979), "11\u{a0}453\u{a0}979");
        assert_eq!(locale(Lang::Zh).country("ETH", "Ethiopia"), "埃塞俄比亚");
        assert_eq!(locale(Lang::Is).country("ETH", "Ethiopia"), "Eþíópía");
        assert_eq!(locale(Lang::Ar).country("ETH", "Ethiopia"), "إثيوبيا");
        let day = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
        assert_eq!(locale(Lang::En).date(day), "August 4, 2021");
        assert_eq!(french.date(day), "4 août 2021");
        assert_eq!(locale(Lang::En).month_year(day), "August 2021");
        assert_eq!(locale(Lang::Ar).month_year(day), "أغسطس 2021");
        assert_eq!(french.month_year(day), "août 2021");
        assert_eq!(locale(Lang::Fr).country("XKX", "Kosovo"), "Kosovo");
    }

    #[test]
    fn every_language_has_every_message_and_the_catalogues_parse() {
        let english = message_ids(Lang::En);
        assert!(english.len() > 50, "{} messages", english.len());
        for lang in Lang::ALL {
            assert_eq!(locale(lang).errors, Vec::<String>::new(), "{lang:?}");
            let ids = message_ids(lang);
            let missing: Vec<_> = english.iter().filter(|id| !ids.contains(id)).collect();
            let extra: Vec<_> = ids.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
            assert!(
                extra.is_empty(),
                "{lang:?} has messages English lacks: {extra:?}"
            );
            // Every variable the catalogues use, so that each message formats whole.
            let arguments: Vec<(&str, Argument)> = [
                "date",
                "low",
                "high",
                "from",
                "to",
                "doses",
                "id",
                "organization",
                "countries",
                "count",
                "country",
                "group",
                "per100",
                "reason",
                "value",
                "source",
                "shown",
                "parties",
                "promised",
                "delivered",
                "stage",
                "capacity",
                "title",
                "held",
                "primary",
                // The workspace's frame.
                "email",
                "role",
                // The manufacturer's workspace.
                "ai",
                "allowed",
                "at_risk",
                "character",
                "days",
                "example",
                "expected",
                "expiry",
                "found",
                "gtin",
                "input",
                "latest",
                "left",
                "length",
                "lot",
                "manufacturer",
                "maximum",
                "offer",
                "party",
                "position",
                "product",
                "site",
                "today",
                "until",
                // The organizations' rounds and meetings.
                "holder",
                "state",
            ]
            .into_iter()
            .map(|name| (name, Argument::Text("X".to_owned())))
            .chain([("n", Argument::Count(2))])
            .collect();
            for id in &english {
                let text = locale(lang).with(id, &arguments);
                assert!(!text.contains('⟦'), "{lang:?} {id}: {text}");
            }
        }
    }

    #[test]
    fn plurals_follow_icu4x() {
        let arabic = locale(Lang::Ar);
        let count = |n: i64| {
            arabic.with(
                "countries-count",
                &[
                    ("n", Argument::Count(n)),
                    ("shown", Argument::Text(arabic.number(n))),
                ],
            )
        };
        assert_ne!(count(103), count(111));
    }
}
