//! The simulator's properties (issue 13): determinism, sweeps equal to single runs whatever
//! the thread count, conservation in every output, sharing never slower for the low-income
//! group than boosters first, boosters first without boosters or donations equal to holders
//! keeping everything, and the floor rate for a country without data.

mod support;

use proptest::prelude::*;
use simulator::output::{THRESHOLDS_PER_100, reached};
use simulator::{DataExtent, Outcome, Scenario, World, parse, simulate, sweep};
use support::{scenario_text, small_world};

fn scenario(text: &str) -> Scenario {
    let data = small_world();
    parse("test.toml", text, &DataExtent::of(&data)).unwrap_or_else(|error| panic!("{error}"))
}

/// Every output of a run, as bytes.
fn outputs(outcome: &Outcome) -> Vec<String> {
    vec![
        simulator::output::table(outcome),
        simulator::output::coverage_csv(outcome),
        simulator::output::events_csv(outcome),
        simulator::output::expired_csv(outcome),
        simulator::output::chart_svg(outcome, "test"),
        simulator::output::json(outcome).to_string(),
    ]
}

const THREE_POLICIES: &str = r#"
[[policies]]
name = "boosters first"
kind = "boosters_first"
donate_when_days_to_expiry = 60

[[policies]]
name = "sharing"
kind = "sharing"
keep_per_100 = 200

[[policies]]
name = "by population"
kind = "proportional"
"#;

#[test]
fn the_same_file_and_seed_give_the_same_bytes() {
    let data = small_world();
    let text = scenario_text(
        120,
        "stock_at_start = \"absorption_days:10\"",
        THREE_POLICIES,
    );
    let first = outputs(&simulate(&scenario(&text), &data));
    let second = outputs(&simulate(&scenario(&text), &data));
    assert_eq!(first, second);
    // And on the real snapshot, with the example file, over a shorter horizon.
    let (real, _) = importer::snapshot::builtin().expect("the snapshot reads");
    let example =
        include_str!("../../../examples/august-2021.toml").replace("days = 730", "days = 90");
    let scenario = parse("august-2021.toml", &example, &DataExtent::of(&real)).expect("valid");
    let first = outputs(&simulate(&scenario, &real));
    let second = outputs(&simulate(&scenario, &real));
    assert_eq!(first, second);
}

#[test]
fn a_sweep_gives_exactly_the_single_runs_whatever_the_thread_count() {
    let data = small_world();
    let text = scenario_text(90, "", THREE_POLICIES);
    let axes = vec![
        sweep::parse_axis("lead_time_days=7..28:7").expect("an axis"),
        sweep::parse_axis("policies[1].keep_per_100=100..300:100").expect("an axis"),
    ];
    let runs = sweep::grid(&text, &axes).expect("a grid");
    assert_eq!(runs.len(), 12);
    let in_pool = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a pool")
            .install(|| sweep::run("test.toml", &runs, &axes, &data, &|| {}))
            .expect("the sweep runs")
    };
    let one = in_pool(1);
    let three = in_pool(3);
    assert_eq!(one, three);
    assert_eq!(
        sweep::sweep_csv(&axes, &runs, &one),
        sweep::sweep_csv(&axes, &runs, &three)
    );
    for (run, outcome) in runs.iter().zip(&one) {
        let single = simulate(&scenario(&run.text), &data);
        assert_eq!(outputs(&single), outputs(outcome));
    }
    // The grid wrote the values where the keys say.
    let last = scenario(&runs[11].text);
    assert_eq!(last.lead_time_days, 28);
    assert!(matches!(
        last.policies[1].kind,
        simulator::scenario::PolicyKind::Sharing { keep_per_100, .. } if keep_per_100 == 300.0
    ));
}

#[test]
fn a_country_without_data_gets_the_floor_rate() {
    let data = small_world();
    let scenario = scenario(&scenario_text(10, "", THREE_POLICIES).replace(
        "absorption_min_per_100_day = 0.05",
        "absorption_min_per_100_day = 0.2",
    ));
    let world = World::new(&data, &scenario);
    let norway = world
        .countries
        .iter()
        .find(|country| country.code == "NOR")
        .expect("Norway is in the world");
    assert_eq!(norway.measured_per_day, None);
    assert!((norway.rate_per_day - 0.2 * 5_421_242.0 / 100.0).abs() < 1e-6);
    let chad = world
        .countries
        .iter()
        .find(|c| c.code == "TCD")
        .expect("Chad");
    // 1,000 a day measured, below the floor of 0.2 per 100 a day.
    assert_eq!(chad.measured_per_day, Some(1_000.0));
    assert!((chad.rate_per_day - 0.2 * 16_425_859.0 / 100.0).abs() < 1e-6);
    let india = world
        .countries
        .iter()
        .find(|c| c.code == "IND")
        .expect("India");
    assert_eq!(india.rate_per_day, 4_000_000.0);
}

/// The JSON's `doses` meets produced + stock at start = administered + expired + in stock +
/// in transit, and the CSVs agree with it.
fn check_conservation(outcome: &Outcome) {
    let json = simulator::output::json(outcome);
    for policy in json["policies"].as_array().expect("policies") {
        let doses = &policy["doses"];
        let get = |key: &str| doses[key].as_u64().expect("a count");
        assert_eq!(
            get("produced") + get("stock_at_start"),
            get("administered") + get("expired") + get("in_stock") + get("in_transit"),
            "{}: {doses}",
            policy["name"]
        );
        let expired: u64 = policy["expired_by_group"]
            .as_object()
            .expect("groups")
            .values()
            .map(|value| value.as_u64().expect("a count"))
            .sum();
        assert_eq!(expired, get("expired"));
    }
    for run in &outcome.policies {
        let first = run.series.first().expect("the start")[4];
        let last = run.series.last().expect("the end")[4];
        assert_eq!(last - first, run.doses.administered, "{}", run.name);
    }
}

fn low_income_days(outcome: &Outcome, policy: usize) -> Vec<Option<usize>> {
    THRESHOLDS_PER_100
        .iter()
        .map(|&threshold| {
            reached(
                &outcome.policies[policy],
                outcome.population[0],
                0,
                threshold,
            )
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Same supply: sharing with keep_per_100 <= primary + booster never leaves the
    /// low-income group later to a threshold than boosters first; and every run balances.
    #[test]
    fn sharing_is_never_later_for_the_low_income_group(
        days in 60u32..240,
        lead in 0u32..40,
        shelf in 0u32..90,
        booster in 0u32..150,
        keep_fraction in 0.0f64..=1.0,
        donate in 0u32..120,
        every in 1u32..15,
        growth in 0.0f64..0.3,
        stock_days in 0u32..30,
    ) {
        let primary = 200.0;
        let keep = keep_fraction * (primary + f64::from(booster));
        let head = format!(
            "lead_time_days = {lead}\nmin_shelf_life_days = {shelf}\nbooster_per_100 = {booster}\nabsorption_growth_per_month = {growth}\nstock_at_start = \"absorption_days:{stock_days}\""
        );
        let policies = format!(
            "[[policies]]\nname = \"boosters first\"\nkind = \"boosters_first\"\ndonate_when_days_to_expiry = {donate}\nround_every_days = {every}\n\n[[policies]]\nname = \"sharing\"\nkind = \"sharing\"\nkeep_per_100 = {keep}\nround_every_days = {every}\n\n[[policies]]\nname = \"by population\"\nkind = \"proportional\"\n"
        );
        let text = scenario_text(days, &head, &policies)
            .replacen("lead_time_days = 14\nmin_shelf_life_days = 30\n", "", 1);
        let outcome = simulate(&scenario(&text), &small_world());
        check_conservation(&outcome);
        let boosters_first = low_income_days(&outcome, 0);
        let sharing = low_income_days(&outcome, 1);
        for (threshold, (sharing, boosters_first)) in THRESHOLDS_PER_100.iter().zip(sharing.iter().zip(&boosters_first)) {
            if let Some(later) = boosters_first {
                prop_assert!(
                    sharing.is_some_and(|day| day <= *later),
                    "{threshold} per 100: sharing {sharing:?}, boosters first {later}"
                );
            }
        }
    }

    /// `boosters_first` with no boosters and no donations is holders keeping everything.
    #[test]
    fn boosters_first_without_boosters_or_donations_is_keeping_everything(
        days in 30u32..200,
        lead in 0u32..30,
        every in 1u32..15,
        stock_days in 0u32..30,
    ) {
        let head = format!("booster_per_100 = 0\nstock_at_start = \"absorption_days:{stock_days}\"");
        let policies = format!(
            "[[policies]]\nname = \"boosters first\"\nkind = \"boosters_first\"\ndonate_when_days_to_expiry = 0\nround_every_days = {every}\n\n[[policies]]\nname = \"keep everything\"\nkind = \"sharing\"\nkeep_per_100 = 1000000\nround_every_days = {every}\n"
        );
        let text = scenario_text(days, &head, &policies)
            .replace("lead_time_days = 14", &format!("lead_time_days = {lead}"));
        let outcome = simulate(&scenario(&text), &small_world());
        check_conservation(&outcome);
        let (first, second) = (&outcome.policies[0], &outcome.policies[1]);
        prop_assert_eq!(&first.series, &second.series);
        prop_assert_eq!(first.expired_by_holder, second.expired_by_holder);
        prop_assert_eq!(first.doses, second.doses);
    }
}

#[test]
fn the_json_and_the_csv_files_of_a_small_run() {
    let data = small_world();
    let text = scenario_text(60, "stock_at_start = \"absorption_days:7\"", THREE_POLICIES);
    let outcome = simulate(&scenario(&text), &data);
    check_conservation(&outcome);
    insta::assert_json_snapshot!("small_run_json", simulator::output::json(&outcome));
    insta::assert_snapshot!("small_run_events", simulator::output::events_csv(&outcome));
    insta::assert_snapshot!(
        "small_run_expired",
        simulator::output::expired_csv(&outcome)
    );
}
