//! `equidose serve`: the platform's HTTP API on SQLite or PostgreSQL, with graceful shutdown.

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::Context;
use store::Store;

use crate::output::{errln, out};

/// The day the demo runs as of: the week of the August 2021 forum, so that the real data of
/// that week and the demo's ledger tell one story.
pub const DEMO_TODAY: &str = "2021-08-06";

/// The platform's clock: the system's, or one that runs on from `today` at the current time
/// of day.
fn clock(today: Option<chrono::NaiveDate>) -> std::sync::Arc<dyn app::Clock> {
    match today {
        None => std::sync::Arc::new(app::SystemClock),
        Some(day) => {
            let now = chrono::Utc::now();
            let time_of_day = now - now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
            std::sync::Arc::new(app::ShiftedClock::starting_at(
                app::Timestamp::start_of(day).plus(time_of_day),
            ))
        }
    }
}

/// How webhooks are delivered (`cooperation.md`, "Webhooks").
#[derive(Debug, Clone, clap::Args)]
pub struct WebhookOptions {
    /// Let webhooks target loopback, private (RFC 1918, fc00::/7) and link-local addresses,
    /// cloud metadata included: for a closed network, or tests.
    #[arg(long)]
    pub webhooks_allow_private: bool,
    /// Seconds before a failed delivery is tried again; the wait doubles after each failure.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub webhook_retry_initial_seconds: u64,
    /// The longest wait between two attempts, in seconds.
    #[arg(long, default_value_t = 3_600, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub webhook_retry_max_seconds: u64,
    /// Seconds a receiver has to answer a delivery (a 2xx after it is not a delivery).
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=60))]
    pub webhook_timeout_seconds: u64,
}

impl WebhookOptions {
    fn settings(&self) -> web::delivery::DeliverySettings {
        web::delivery::DeliverySettings {
            allow_private: self.webhooks_allow_private,
            timeout: std::time::Duration::from_secs(self.webhook_timeout_seconds),
            retry: app::webhooks::RetryPolicy {
                initial_seconds: self.webhook_retry_initial_seconds,
                max_seconds: self
                    .webhook_retry_max_seconds
                    .max(self.webhook_retry_initial_seconds),
            },
            ..web::delivery::DeliverySettings::default()
        }
    }
}

/// Serves the platform until Ctrl-C or SIGTERM, and delivers webhooks meanwhile.
pub async fn run(
    database: &str,
    address: SocketAddr,
    demo: bool,
    today: Option<chrono::NaiveDate>,
    queue_wait: std::time::Duration,
    webhooks: WebhookOptions,
) -> anyhow::Result<ExitCode> {
    let today = match (today, demo) {
        (Some(day), _) => Some(day),
        (None, true) => Some(DEMO_TODAY.parse()?),
        (None, false) => None,
    };
    let store = Store::open(database).await?;
    crate::import::ensure_reference_data(&store).await?;
    let app = app::App::with_clock(store.clone(), clock(today));
    let users = if demo {
        crate::demo::seed(&app).await?
    } else {
        Vec::new()
    };
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| {
            format!(
                "--addr {address}: cannot listen there (in use, or not an address of this machine?)"
            )
        })?;
    let local = listener.local_addr()?;
    let mut banner = format!(
        "Equidose is serving http://{local}/api/v1 on {} ({})\n",
        store.backend().name(),
        store::redact(database)
    );
    banner.push_str(&format!(
        "OpenAPI document: http://{local}/api/v1/openapi.json\nPublic dashboard: http://{local}/\nWorkspaces: http://{local}/sign-in\n"
    ));
    if !users.is_empty() {
        banner.push_str(&format!(
            "\nDemo sign-in at http://{local}/sign-in (passwords are new at every start):\n"
        ));
        for user in &users {
            banner.push_str(&format!(
                "  {:<32} {:<10} {:<13} {}\n",
                user.email,
                user.role.as_str(),
                user.party,
                user.password
            ));
        }
        banner.push_str(&format!(
            "\nTry: curl -s -X POST http://{local}/api/v1/tokens -H 'content-type: application/json' \\\n       -d '{{\"email\":\"{}\",\"password\":\"{}\",\"name\":\"cli\"}}'\n",
            users[0].email, users[0].password
        ));
    }
    banner.push_str(&format!("The platform's day: {}\n", app.clock.today()));
    // The server serves whether or not anyone reads its banner: a closed or full standard
    // output is said once on standard error and does not stop it.
    if let Err(error) = out!("{banner}") {
        errln!("warning: {error}; serving on");
    }
    let expiry = tokio::spawn(expire_hourly(app.clone()));
    // Deliveries cut short by the shutdown are made again after the next start: the outbox
    // keeps them pending until a receiver answers 2xx.
    let deliveries = web::delivery::spawn(app.clone(), webhooks.settings());
    let state = web::AppState {
        webhooks_allow_private: webhooks.webhooks_allow_private,
        admission: web::layers::Admission::new(
            web::layers::READS_AT_ONCE,
            web::layers::WRITES_AT_ONCE,
            queue_wait,
        ),
        ..web::AppState::new(app)
    };
    web::serve(state, listener, shutdown_signal()).await?;
    expiry.abort();
    deliveries.abort();
    store.close().await;
    errln!("stopped: every request in flight was answered and the database closed");
    Ok(ExitCode::SUCCESS)
}

/// Resolves on Ctrl-C or SIGTERM, so that the server stops taking connections and finishes
/// the requests it has.
async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

/// The system's share of the ledger: doses left in lots past their expiry are moved to
/// `expired`, at start and every hour after (the day turns at midnight UTC).
async fn expire_hourly(app: app::App) {
    let mut interval = tokio::time::interval(std::time::Duration::from_secs(3_600));
    loop {
        interval.tick().await;
        let now = app.now();
        let expired = app
            .write(|tx| async move { app::movements::expire_due(&tx, now).await })
            .await;
        match expired {
            Ok(entries) if entries.is_empty() => {}
            Ok(entries) => tracing::info!(
                accounts = entries.len(),
                "expired doses of lots past their expiry"
            ),
            Err(error) => {
                tracing::warn!(%error, "could not expire doses; will try again in an hour")
            }
        }
    }
}
