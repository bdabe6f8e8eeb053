//! Times the independent checker (`allocation-check`) on a generated round:
//! `cargo run --release -p allocation --example check -- 5000 20000 7` solves the round,
//! writes its input, answer and certificate as JSON, and checks them, printing the time of
//! each step (the checker's time includes reading the three documents).

use std::time::Instant;

fn main() {
    let arguments: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("recipients lots seed"))
        .collect();
    let (recipients, lots, seed) = match arguments[..] {
        [r, l, s] => (r, l, s as u64),
        _ => (5_000, 20_000, 7),
    };
    let problem = allocation::generate::generate(recipients, lots, seed);
    let started = Instant::now();
    let solution = allocation::solve(&problem);
    let solved = started.elapsed();
    let round = serde_json::to_string(&problem).unwrap();
    let answer = serde_json::to_string(&solution).unwrap();
    let certificate = serde_json::to_string(&solution.certificate).unwrap();
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let started = Instant::now();
        let failures = allocation_check::check(&round, &answer, &certificate);
        best = best.min(started.elapsed().as_secs_f64());
        assert!(failures.is_empty(), "{failures:#?}");
    }
    println!(
        "{recipients} x {lots} (seed {seed}): {} levels, {} shipments; solve {:.1} ms; check (best of 5) {:.1} ms; documents {} + {} + {} kB",
        solution.certificate.levels.len(),
        solution.shipments.len(),
        solved.as_secs_f64() * 1e3,
        best * 1e3,
        round.len() / 1024,
        answer.len() / 1024,
        certificate.len() / 1024
    );
}
