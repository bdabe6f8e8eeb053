//! Passwords and tokens: argon2id hashes for passwords, 256-bit random tokens stored as SHA-256,
//! and HMAC-SHA256 for webhook signatures.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};

/// Shortest password accepted: NIST SP 800-63B's floor for user-chosen secrets. Length is
/// the only rule; composition rules do not make passwords stronger.
pub const PASSWORD_LENGTH_CHARS_MIN: usize = 8;
/// Longest accepted: bounds the work of one hash.
pub const PASSWORD_LENGTH_CHARS_MAX: usize = 256;

/// Why a password was not accepted or could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "the password must have {PASSWORD_LENGTH_CHARS_MIN} to {PASSWORD_LENGTH_CHARS_MAX} characters"
    )]
    /// Too short or too long.
    PasswordLength,
    /// The hasher failed.
    #[error("the password could not be hashed: {0}")]
    Hash(String),
    /// The operating system gave no random bytes.
    #[error("the system's random number generator failed: {0}")]
    Random(String),
}

/// Password hashes computed at once, one core's worth: argon2id takes 19 MiB and tens of
/// milliseconds of a core each, so a flood of sign-ins waits its turn here instead of taking
/// every core from the other requests.
pub const PASSWORD_WORK_AT_ONCE: usize = 1;
/// How long a sign-in waits for its turn before it is refused as busy (503, retry later).
pub const PASSWORD_WORK_WAIT_MAX: std::time::Duration = std::time::Duration::from_secs(2);

static PASSWORD_WORK: tokio::sync::Semaphore =
    tokio::sync::Semaphore::const_new(PASSWORD_WORK_AT_ONCE);

/// Runs `work` (a password hash or check) on a blocking thread when its turn comes, at most
/// [`PASSWORD_WORK_AT_ONCE`] at a time in this process; `None` when no turn came within
/// [`PASSWORD_WORK_WAIT_MAX`].
pub async fn password_work<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Option<T>, tokio::task::JoinError> {
    let Ok(Ok(_turn)) = tokio::time::timeout(PASSWORD_WORK_WAIT_MAX, PASSWORD_WORK.acquire()).await
    else {
        return Ok(None);
    };
    tokio::task::spawn_blocking(work).await.map(Some)
}

/// Checks a new password's length.
pub fn check_password(password: &str) -> Result<(), SecretError> {
    let length = password.chars().count();
    if (PASSWORD_LENGTH_CHARS_MIN..=PASSWORD_LENGTH_CHARS_MAX).contains(&length) {
        Ok(())
    } else {
        Err(SecretError::PasswordLength)
    }
}

/// Hashes a password with argon2id at the crate's defaults (19 MiB, t=2, p=1), as a PHC string.
pub fn hash_password(password: &str) -> Result<String, SecretError> {
    check_password(password)?;
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|error| SecretError::Hash(error.to_string()))
}

/// Whether `password` matches the stored hash. A malformed hash matches nothing.
pub fn verify_password(password: &str, stored_hash: &str) -> bool {
    if password.chars().count() > PASSWORD_LENGTH_CHARS_MAX {
        return false;
    }
    match PasswordHash::new(stored_hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a password nobody has, checked when the email is unknown so that a sign-in
/// for an unknown email takes as long as one for a known email.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        hash_password(&random_token("decoy").unwrap_or_else(|_| "decoy-password".into()))
            .unwrap_or_default()
    })
}

/// A new random token: `prefix_` and 64 hex digits (256 bits from the operating system).
pub fn random_token(prefix: &str) -> Result<String, SecretError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| SecretError::Random(error.to_string()))?;
    Ok(format!("{prefix}_{}", hex(&bytes)))
}

/// What the database keeps of a token: its SHA-256, so a copy of the database signs nobody in.
pub fn token_digest(token: &str) -> String {
    sha256_hex(token)
}

/// SHA-256 of a text, as 64 lowercase hex digits.
pub fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

/// HMAC-SHA256 of `message` keyed with `key`, as 64 lowercase hex digits (webhook
/// signatures).
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    use hmac::{KeyInit, Mac};
    // HMAC takes a key of any length (a long one is hashed first), so this cannot fail.
    let mut mac = <hmac::Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of every length"));
    mac.update(message);
    hex(&mac.finalize().into_bytes())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterx", &hash));
        assert!(!verify_password("anything", "not a hash"));
        assert!(matches!(
            hash_password("short"),
            Err(SecretError::PasswordLength)
        ));
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // RFC 4231, test case 2.
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn tokens_are_long_random_and_stored_as_digests() {
        let first = random_token("eqd").unwrap();
        let second = random_token("eqd").unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 4 + 64);
        assert_eq!(token_digest(&first).len(), 64);
        assert_ne!(token_digest(&first), token_digest(&second));
    }
}
