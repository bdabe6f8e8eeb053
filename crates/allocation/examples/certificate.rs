//! The certificate's share of the solve. Generates a round, solves it and writes its
//! certificate as JSON, each in a function of its own, so that instruction counts
//! (repeatable on a shared machine) separate them:
//! `THREADS=1 REPEAT=1 valgrind --tool=callgrind target/release/examples/certificate 200
//! 2000 7`, then `callgrind_annotate --inclusive=yes` gives the solve
//! (`certificate::solve_round`), the certificate pass inside it
//! (`allocation::certificate::build`) and the writing (`certificate::write_certificate`).
//! `THREADS=1` keeps the whole solve on the calling thread, where callgrind counts it under
//! `solve_round` (the answer is the same on any number of threads). Without valgrind it
//! prints wall times: the median of `REPEAT` solves (default 5) and of as many writings.

use std::time::Instant;

use allocation::{Options, Problem, Solution, Threads};

#[inline(never)]
fn solve_round(problem: &Problem, options: Options) -> Solution {
    allocation::solve_with(problem, options)
}

#[inline(never)]
fn write_certificate(solution: &Solution) -> String {
    serde_json::to_string(&solution.certificate).expect("a certificate is JSON")
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    let numbers: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("recipients lots seed"))
        .collect();
    let (recipients, lots, seed) = match numbers[..] {
        [r, l, s] => (r, l, s as u64),
        _ => (200, 2_000, 7),
    };
    let repeat: usize = std::env::var("REPEAT")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
        .max(1);
    let options = Options {
        threads: if std::env::var("THREADS").is_ok_and(|t| t == "1") {
            Threads::One
        } else {
            Threads::Auto
        },
        ..Options::default()
    };
    let problem = allocation::generate::generate(recipients, lots, seed);
    let mut solves = Vec::new();
    let mut writes = Vec::new();
    let mut size = 0;
    for _ in 0..repeat {
        let started = Instant::now();
        let solution = std::hint::black_box(solve_round(std::hint::black_box(&problem), options));
        solves.push(started.elapsed().as_secs_f64() * 1e3);
        let started = Instant::now();
        size = std::hint::black_box(write_certificate(&solution)).len();
        writes.push(started.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "{recipients} x {lots} (seed {seed}): solve median {:.2} ms, writing the certificate ({} kB) median {:.3} ms, of {repeat}",
        median(solves),
        size / 1024,
        median(writes)
    );
}
