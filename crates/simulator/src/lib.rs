//! Equidose's policy simulator: from the real state of the world on a chosen day, how fast
//! does each income group reach 10, 20, 40 and 70 doses per 100 people under each policy,
//! and how many doses expire unused (`spec/simulator.md`).
//!
//! - [`scenario`] reads and checks the scenario file (TOML) into a [`Scenario`];
//! - [`world`] takes the countries, their doses on the start day and their rates from the
//!   reference data;
//! - [`model`] is the state of one policy's world and its daily step, with the dose account
//!   asserted every day;
//! - [`policy`] holds the three kinds of policy and the sharing round, run by the
//!   `allocation` engine;
//! - [`output`] renders a run: the terminal table, CSV files, JSON and an SVG chart;
//! - [`sweep`] runs a grid of scenarios in parallel.
//!
//! Pure: no IO, no clock; the same file, data and seed give the same outputs, byte for byte.

#![warn(missing_docs)]

pub mod model;
pub mod output;
pub mod policy;
pub mod scenario;
pub mod sweep;
pub mod world;

use chrono::NaiveDate;
use domain::country::ReferenceData;
use rayon::prelude::*;

pub use model::{DoseAccount, PolicyRun};
pub use scenario::{DataExtent, Scenario, ScenarioError, parse};
pub use world::World;

/// Everything one scenario's run produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The start day.
    pub start: NaiveDate,
    /// Days simulated.
    pub days: u32,
    /// People per group row (four income groups, then the world).
    pub population: [u64; world::GROUPS],
    /// One run per policy, in the file's order.
    pub policies: Vec<PolicyRun>,
}

/// Runs every policy of a checked scenario on the reference data (in parallel; the result
/// does not depend on the number of threads).
pub fn simulate(scenario: &Scenario, data: &ReferenceData) -> Outcome {
    let world = World::new(data, scenario);
    simulate_world(scenario, &world)
}

/// Runs every policy of a scenario on a world already built from the data.
pub fn simulate_world(scenario: &Scenario, world: &World) -> Outcome {
    let policies = scenario
        .policies
        .par_iter()
        .map(|policy| model::State::new(scenario, world, policy.kind).run(&policy.name))
        .collect();
    Outcome {
        start: scenario.start,
        days: scenario.days,
        population: world.population,
        policies,
    }
}
