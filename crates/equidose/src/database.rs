//! The `--database` option, offered by the commands that use the store and by no other
//! (`allocate`, `check` and `snapshot write` work on files alone).

use clap::Args;

/// The database when neither the option nor the environment names one.
pub const DEFAULT_URL: &str = "sqlite://equidose.db";

/// The environment variable read when the option is not given.
pub const ENVIRONMENT_VARIABLE: &str = "EQUIDOSE_DATABASE_URL";

/// The database a command works on.
#[derive(Debug, Clone, Args)]
pub struct Database {
    /// The database: sqlite://FILE (embedded) or postgres://USER@HOST:PORT/DATABASE. By
    /// default $EQUIDOSE_DATABASE_URL, else sqlite://equidose.db.
    #[arg(long = "database", value_name = "URL")]
    url: Option<String>,
}

impl Database {
    /// The URL to use: this option, else the one given before the command
    /// (`equidose --database URL report coverage`), else the environment's, else the default.
    pub fn url(&self, before_the_command: Option<&str>) -> String {
        self.url
            .clone()
            .or_else(|| before_the_command.map(str::to_owned))
            .or_else(|| std::env::var(ENVIRONMENT_VARIABLE).ok())
            .unwrap_or_else(|| DEFAULT_URL.to_owned())
    }
}
