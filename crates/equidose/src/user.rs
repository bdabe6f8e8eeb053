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
    Add {
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
    },
}

pub async fn run(command: UserCommand, database: &str) -> anyhow::Result<ExitCode> {
    let UserCommand::Add {
        email,
        role,
        party,
        password_stdin: _,
    } = command;
    let email = email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || email.chars().any(char::is_whitespace) {
        anyhow::bail!("--email: {email:?} is not an email address");
    }
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .take(4096)
        .read_to_string(&mut password)
        .context("the password on standard input cannot be read")?;
    let password = password.trim_end_matches(['\n', '\r']);
    let password_hash = web::secrets::hash_password(password)
        .map_err(|error| anyhow::anyhow!("standard input: {error}"))?;

    let store = Store::open(database).await?;
    crate::import::ensure_reference_data(&store).await?;
    let party = match (party, role) {
        (Some(code), _) => {
            let code =
                PartyCode::parse(&code).map_err(|error| anyhow::anyhow!("--party: {error}"))?;
            if store.party(code.as_str()).await?.is_none() {
                anyhow::bail!(
                    "--party: there is no party {code}; create it first (admins can, through the API)"
                );
            }
            code
        }
        (None, Role::Admin) => ensure_operator(&store).await?,
        (None, _) => anyhow::bail!("--party: required for an official or a viewer"),
    };
    let mut transaction = store.begin_write().await?;
    let id = store::accounts::create_user(
        &mut transaction,
        &store::accounts::NewUser {
            email: &email,
            password_hash: &password_hash,
            party: &party,
            role,
        },
    )
    .await?;
    transaction.commit().await?;
    store.close().await;
    println!("added user {id}: {email}, {role} of {party}");
    Ok(ExitCode::SUCCESS)
}

/// The operator organization, created on first use.
pub async fn ensure_operator(store: &Store) -> anyhow::Result<PartyCode> {
    let code = PartyCode::parse(OPERATOR).expect("a valid party code");
    if store.party(OPERATOR).await?.is_none() {
        let mut transaction = store.begin_write().await?;
        store::accounts::create_party(
            &mut transaction,
            &Party {
                code: code.clone(),
                kind: PartyKind::Organization,
                name: "Equidose platform operator".into(),
                population: None,
                income_group: None,
            },
        )
        .await?;
        transaction.commit().await?;
    }
    Ok(code)
}
