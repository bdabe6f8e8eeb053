//! Solves a round and prints timing and size to stderr, the answer to stdout: for
//! measuring time and peak memory (`/usr/bin/time -v`) outside the benchmark harness.
//! `solve FILE.json` or `solve --generate RECIPIENTS LOTS SEED`; with `REPEAT=N` it solves
//! N times more in the same process and prints the median and fastest of those (the
//! first solve of a process also pays for fresh memory, as `equidose allocate` does).

use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let problem = if args.first().map(String::as_str) == Some("--generate") && args.len() == 4 {
        let n: Vec<u64> = args[1..]
            .iter()
            .map(|a| a.parse().expect("whole numbers"))
            .collect();
        allocation::generate::generate(
            usize::try_from(n[0]).expect("a count that fits this machine"),
            usize::try_from(n[1]).expect("a count that fits this machine"),
            n[2],
        )
    } else if args.len() == 1 {
        let text = std::fs::read_to_string(&args[0]).expect("readable input file");
        match allocation::parse_problem(&text) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    } else {
        eprintln!("usage: solve FILE.json | solve --generate RECIPIENTS LOTS SEED");
        std::process::exit(2);
    };
    let started = Instant::now();
    let solution = allocation::solve(&problem);
    let elapsed = started.elapsed();
    let (flows, nodes, arcs) = allocation::solve_statistics(&problem);
    eprintln!(
        "solved {} recipients x {} lots in {:.1} ms ({} max-flows, {} nodes, {} arcs), {} doses",
        problem.recipients.len(),
        problem.lots.len(),
        elapsed.as_secs_f64() * 1e3,
        flows,
        nodes,
        arcs,
        solution.total_doses
    );
    let repeat: usize = std::env::var("REPEAT").map_or(0, |n| n.parse().expect("REPEAT=N"));
    if repeat > 0 {
        let mut times: Vec<f64> = (0..repeat)
            .map(|_| {
                let started = Instant::now();
                std::hint::black_box(allocation::solve(std::hint::black_box(&problem)));
                started.elapsed().as_secs_f64() * 1e3
            })
            .collect();
        times.sort_by(f64::total_cmp);
        eprintln!(
            "{repeat} more solves: median {:.1} ms, fastest {:.1} ms",
            times[repeat / 2],
            times[0]
        );
    }
    if std::env::var_os("QUIET").is_none() {
        println!("{}", serde_json::to_string_pretty(&solution).unwrap());
    }
}
