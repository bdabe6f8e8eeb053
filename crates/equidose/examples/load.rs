//! A load generator to measure a running server from a second process (`tools/load` drives
//! it): requests at a fixed rate, open loop, so that a slow server cannot slow the load down
//! and hide its own slowness; each latency counts from the moment its request was due, and
//! is reported by status, so that under overload the admitted requests' latency is seen apart
//! from the shed ones'.
//!
//! ```text
//! cargo run --release -p equidose --example load -- URL --rate 2000 --seconds 10 \
//!     [--method POST] [--token TOKEN] [--body '{"n":{n}}'] [--keyed] [--label reads]
//! ```
//! `{n}` in the body is replaced by the request's number; `--keyed` sends an
//! `Idempotency-Key` of its own with each request.

// Rates, durations and counts go between f64 and integers here; they are positive (checked
// when read) and far below 2^52, so the casts are exact enough for a measurement.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

struct Options {
    url: String,
    method: hyper::Method,
    token: Option<String>,
    body: Option<String>,
    keyed: bool,
    rate: f64,
    seconds: f64,
    label: String,
}

fn options() -> Result<Options, String> {
    let mut arguments = std::env::args().skip(1);
    let mut options = Options {
        url: String::new(),
        method: hyper::Method::GET,
        token: None,
        body: None,
        keyed: false,
        rate: 100.0,
        seconds: 10.0,
        label: "load".into(),
    };
    while let Some(argument) = arguments.next() {
        let mut value = |name: &str| {
            arguments
                .next()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match argument.as_str() {
            "--method" => {
                options.method = value("--method")?
                    .parse()
                    .map_err(|_| "--method: not an HTTP method".to_owned())?;
            }
            "--token" => options.token = Some(value("--token")?),
            "--body" => options.body = Some(value("--body")?),
            "--keyed" => options.keyed = true,
            "--rate" => {
                options.rate = value("--rate")?
                    .parse()
                    .map_err(|_| "--rate: not a number of requests per second".to_owned())?;
            }
            "--seconds" => {
                options.seconds = value("--seconds")?
                    .parse()
                    .map_err(|_| "--seconds: not a number".to_owned())?;
            }
            "--label" => options.label = value("--label")?,
            url if !url.starts_with("--") && options.url.is_empty() => options.url = url.into(),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    if options.url.is_empty() {
        return Err("give the URL to load".into());
    }
    if !(options.rate > 0.0 && options.seconds > 0.0) {
        return Err("--rate and --seconds must be above 0".into());
    }
    Ok(options)
}

/// The value at quantile `q` of sorted `values`.
fn quantile(values: &[Duration], q: f64) -> Duration {
    if values.is_empty() {
        return Duration::ZERO;
    }
    let index = ((values.len() as f64 - 1.0) * q).round() as usize;
    values[index.min(values.len() - 1)]
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let options = match options() {
        Ok(options) => options,
        Err(error) => {
            eprintln!("error: {error}");
            return std::process::ExitCode::from(2);
        }
    };
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new())
        .pool_max_idle_per_host(1024)
        .build_http();
    let total = (options.rate * options.seconds).round() as u64;
    let interval = Duration::from_secs_f64(1.0 / options.rate);
    let run = std::process::id();
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(total as usize);
    for n in 0..total {
        let due = started + interval.mul_f64(n as f64);
        tokio::time::sleep_until(due.into()).await;
        let mut request = hyper::Request::builder()
            .method(options.method.clone())
            .uri(&options.url);
        if let Some(token) = &options.token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        if options.keyed {
            request = request.header("idempotency-key", format!("load-{run}-{n}"));
        }
        let body = match &options.body {
            Some(body) => {
                request = request.header("content-type", "application/json");
                Full::new(Bytes::from(body.replace("{n}", &n.to_string())))
            }
            None => Full::new(Bytes::new()),
        };
        let Ok(request) = request.body(body) else {
            eprintln!("error: {} is not a URL", options.url);
            return std::process::ExitCode::from(2);
        };
        let client = client.clone();
        tasks.push(tokio::spawn(async move {
            let status = match client.request(request).await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let _ = response.into_body().collect().await;
                    status
                }
                Err(_) => 0,
            };
            (status, due.elapsed())
        }));
    }
    let mut latencies: BTreeMap<u16, Vec<Duration>> = BTreeMap::new();
    for task in tasks {
        if let Ok((status, latency)) = task.await {
            latencies.entry(status).or_default().push(latency);
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut all: Vec<Duration> = latencies.values().flatten().copied().collect();
    all.sort_unstable();
    let mut line = format!(
        "{}: {total} requests in {elapsed:.1} s ({:.0}/s offered)",
        options.label, options.rate
    );
    for (status, values) in &mut latencies {
        values.sort_unstable();
        let name = if *status == 0 {
            "failed".to_owned()
        } else {
            status.to_string()
        };
        line.push_str(&format!(
            "; {name}: {} ({:.0}/s), p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
            values.len(),
            values.len() as f64 / elapsed,
            quantile(values, 0.5).as_secs_f64() * 1e3,
            quantile(values, 0.99).as_secs_f64() * 1e3,
            values.last().copied().unwrap_or_default().as_secs_f64() * 1e3,
        ));
    }
    line.push_str(&format!(
        "; all: p99 {:.1} ms",
        quantile(&all, 0.99).as_secs_f64() * 1e3
    ));
    println!("{line}");
    std::process::ExitCode::SUCCESS
}
