//! `equidose user add`: creates users from the command line, the first administrator above all.

use std::io::Read;
use std::process::ExitCode;

use anyhow::Context;
use clap::Subcommand;
use domain::ledger::PartyCode;
use domain::party::{Party, PartyKind, Role};
use store::Store;

/// The organization that runs the platform; the first administrator belongs to it.
pub const OPERATOR: &str = "operator";

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user; the password is read from standard input.
    #[command(
        after_help = "Example (the first administrator of an installation):\n  \
        printf '%s\\n' \"$PASSWORD\" | equidose user add --email admin@example.org --role admin --password-stdin"
    )]
    Add {
        /// The user's email address, which is also the name they sign in with (compared
        /// without regard to case).
        #[arg(long)]
        email: String,
        /// official, viewer or admin.
        #[arg(long, value_parser = |text: &str| Role::parse(text))]
        role: Role,
        /// The user's party code; an admin without one belongs to the operator organization.
        #[arg(long)]
        party: Option<String>,
        /// Read the password from standard input (the only way: never on the command line).
        #[arg(long, required = true)]
        password_stdin: bool,
        #[command(flatten)]
        database: crate::database::Database,
    },
}

impl UserCommand {
    /// The database to add the user to.
    pub fn database(&self) -> &crate::database::Database {
        let UserCommand::Add { database, .. } = self;
        database
    }
}

pub async fn run(command: UserCommand, database: &str) -> anyhow::Result<ExitCode> {
    let UserCommand::Add {
        email,
        role,
        party,
        password_stdin: _,
        database: _,
    } = command;
    let email = app::users::normalize_email(&email)
        .map_err(|message| anyhow::anyhow!("--email: {message}"))?;
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .take(4096)
        .read_to_string(&mut password)
        .context("the password on standard input cannot be read")?;
    let password = password.trim_end_matches(['\n', '\r']);
    app::secrets::check_password(password)
        .map_err(|error| anyhow::anyhow!("standard input: {error}"))?;

    let store = Store::open(database).await?;
    let platform = app::App::new(store.clone());
    crate::import::ensure_reference_data(&store).await?;
    let party = match (party, role) {
        (Some(code), _) => {
            let code =
                PartyCode::parse(&code).map_err(|error| anyhow::anyhow!("--party: {error}"))?;
            let wanted = code.as_str();
            let exists = platform
                .read(|tx| async move { Ok(tx.party(wanted).await?.is_some()) })
                .await?;
            if !exists {
                anyhow::bail!(
                    "--party: there is no party {code}; create it first (admins can, through the API)"
                );
            }
            code
        }
        (None, Role::Admin) => ensure_operator(&platform).await?,
        (None, _) => anyhow::bail!("--party: required for an official or a viewer"),
    };
    let prepared = app::users::prepare(&app::users::NewUserInput {
        email,
        password: password.to_owned(),
        party: party.as_str().to_owned(),
        role: role.as_str().to_owned(),
    })
    .await
    .map_err(|error| anyhow::anyhow!("{}", describe(&error)))?;
    let now = platform.now();
    let prepared_ref = &prepared;
    let user = platform
        .write(|tx| async move { app::users::create(&tx, now, None, prepared_ref).await })
        .await
        .map_err(|error| anyhow::anyhow!("{}", describe(&error)))?;
    store.close().await;
    crate::output::outln!("added user {}: {}, {role} of {party}", user.id, user.email)?;
    Ok(ExitCode::SUCCESS)
}

/// A use case's refusal in the command line's words: each invalid field as its option.
fn describe(error: &app::AppError) -> String {
    match error {
        app::AppError::Invalid(fields) => fields
            .iter()
            .map(|field| match field.field.as_str() {
                "password" => format!("standard input: {}", field.message),
                "" => field.message.clone(),
                name => format!("--{name}: {}", field.message),
            })
            .collect::<Vec<_>>()
            .join("; "),
        other => other.to_string(),
    }
}

/// The operator organization, created on first use.
pub async fn ensure_operator(platform: &app::App) -> anyhow::Result<PartyCode> {
    let code = PartyCode::parse(OPERATOR).expect("a valid party code");
    let now = platform.now();
    let party = Party {
        code: code.clone(),
        kind: PartyKind::Organization,
        name: "Equidose platform operator".into(),
        population: None,
        income_group: None,
    };
    let party_ref = &party;
    platform
        .write(|tx| async move {
            if tx.party(OPERATOR).await?.is_none() {
                app::parties::create_as(&tx, now, None, party_ref).await?;
            }
            Ok(())
        })
        .await?;
    Ok(code)
}
