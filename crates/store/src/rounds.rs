//! Allocation rounds in the store: the round, its pooled lots and requests, and the engine's
//! input and answer as JSON text.

use chrono::NaiveDate;
use domain::cooperation::round::RoundState;
use domain::ledger::{LotId, PartyCode};
use domain::time::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::reference::parse_day;
use crate::{StoreError, Tx, corrupt};

/// Doses of one lot and holder pooled in a round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PooledLot {
    /// The lot.
    pub lot: LotId,
    /// Who holds the doses.
    pub holder: PartyCode,
    /// How many are pooled.
    pub doses: i64,
    /// The pledge to the organization these doses count against, when the holder is a donor.
    pub pledge: Option<i64>,
}

/// A round as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// Its id.
    pub id: i64,
    /// The organization that runs it.
    pub organization: PartyCode,
    /// Where it stands.
    pub state: RoundState,
    /// The round's day.
    pub date: NaiveDate,
    /// The default target, doses per 100 people, as written.
    pub target_per_100: Option<String>,
    /// The pooled lots.
    pub lots: Vec<PooledLot>,
    /// The requests it serves, by id.
    pub requests: Vec<i64>,
    /// The round it follows, whose leftover pool it took by default.
    pub after: Option<i64>,
    /// The holder whose redistribution proposal opened it.
    pub proposed_by: Option<PartyCode>,
    /// The engine's input of the last computation (spec/allocation.md), if computed.
    pub input: Option<String>,
    /// The engine's answer to it, if computed.
    pub proposal: Option<String>,
    /// When it was opened.
    pub created_at: Timestamp,
    /// When it last changed.
    pub updated_at: Timestamp,
}

/// What a round is made of, to create it or replace a draft's contents.
#[derive(Debug, Clone)]
pub struct RoundContents {
    /// The round's day.
    pub date: NaiveDate,
    /// The default target, as written.
    pub target_per_100: Option<String>,
    /// The pooled lots.
    pub lots: Vec<PooledLot>,
    /// The requests it serves.
    pub requests: Vec<i64>,
}

/// Where a new round comes from, fixed when it is opened.
#[derive(Debug, Clone, Default)]
pub struct RoundOrigin {
    /// The round it follows.
    pub after: Option<i64>,
    /// The holder whose redistribution proposal opens it.
    pub proposed_by: Option<PartyCode>,
}

fn round_from(row: &AnyRow) -> Result<Round, StoreError> {
    let organization: String = row.try_get("organization")?;
    let state: String = row.try_get("state")?;
    let date: String = row.try_get("date")?;
    let created_at: String = row.try_get("created_at")?;
    let updated_at: String = row.try_get("updated_at")?;
    let proposed_by: Option<String> = row.try_get("proposed_by")?;
    Ok(Round {
        id: row.try_get("id")?,
        organization: PartyCode::parse(&organization).map_err(corrupt)?,
        state: RoundState::parse(&state).map_err(corrupt)?,
        date: parse_day(&date)?,
        target_per_100: row.try_get("target_per_100")?,
        lots: Vec::new(),
        requests: Vec::new(),
        after: row.try_get("after_round")?,
        proposed_by: proposed_by
            .as_deref()
            .map(PartyCode::parse)
            .transpose()
            .map_err(corrupt)?,
        input: row.try_get("input")?,
        proposal: row.try_get("proposal")?,
        created_at: Timestamp::parse(&created_at).map_err(corrupt)?,
        updated_at: Timestamp::parse(&updated_at).map_err(corrupt)?,
    })
}

impl Tx {
    /// Opens a draft round of `organization`.
    pub async fn create_round(
        &self,
        organization: &PartyCode,
        contents: &RoundContents,
        origin: &RoundOrigin,
        at: Timestamp,
    ) -> Result<i64, StoreError> {
        let id: i64 = {
            let mut connection = self.connection().await?;
            sqlx::query_scalar(
                "INSERT INTO rounds (organization, state, date, target_per_100, after_round, proposed_by, created_at, updated_at) \
                 VALUES ($1, 'draft', $2, $3, $4, $5, $6, $6) RETURNING id",
            )
            .bind(organization.as_str())
            .bind(contents.date.to_string())
            .bind(contents.target_per_100.as_deref())
            .bind(origin.after)
            .bind(origin.proposed_by.as_ref().map(PartyCode::as_str))
            .bind(at.to_string())
            .fetch_one(&mut *connection)
            .await?
        };
        self.fill_round(id, contents).await?;
        Ok(id)
    }

    async fn fill_round(&self, id: i64, contents: &RoundContents) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        for pooled in &contents.lots {
            sqlx::query(
                "INSERT INTO round_lots (round, lot, holder, doses, pledge) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(pooled.lot.0)
            .bind(pooled.holder.as_str())
            .bind(pooled.doses)
            .bind(pooled.pledge)
            .execute(&mut *connection)
            .await?;
        }
        for request in &contents.requests {
            sqlx::query("INSERT INTO round_requests (round, request) VALUES ($1, $2)")
                .bind(id)
                .bind(request)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }

    /// Replaces a draft's contents (its proposal is dropped: it no longer matches); false when
    /// the round is not a draft any more.
    pub async fn replace_round(
        &self,
        id: i64,
        contents: &RoundContents,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        {
            let mut connection = self.connection().await?;
            let done = sqlx::query(
                "UPDATE rounds SET date = $1, target_per_100 = $2, input = NULL, proposal = NULL, certificate = NULL, updated_at = $3 \
                 WHERE id = $4 AND state = 'draft'",
            )
            .bind(contents.date.to_string())
            .bind(contents.target_per_100.as_deref())
            .bind(at.to_string())
            .bind(id)
            .execute(&mut *connection)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            sqlx::query("DELETE FROM round_lots WHERE round = $1")
                .bind(id)
                .execute(&mut *connection)
                .await?;
            sqlx::query("DELETE FROM round_requests WHERE round = $1")
                .bind(id)
                .execute(&mut *connection)
                .await?;
        }
        self.fill_round(id, contents).await?;
        Ok(true)
    }

    /// Stores a draft's new engine input, its previous answer and certificate cleared until
    /// [`Tx::set_round_answer`] stores the new ones in the same transaction; false when it
    /// is not a draft.
    pub async fn set_round_input(
        &self,
        id: i64,
        input: &str,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query("UPDATE rounds SET input = $1, proposal = NULL, certificate = NULL, updated_at = $2 WHERE id = $3 AND state = 'draft'")
            .bind(input)
            .bind(at.to_string())
            .bind(id)
            .execute(&mut *connection)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores the engine's answer to the input [`Tx::set_round_input`] stored, and its
    /// certificate.
    pub async fn set_round_answer(
        &self,
        id: i64,
        proposal: &str,
        certificate: &str,
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE rounds SET proposal = $1, certificate = $2 WHERE id = $3 AND state = 'draft'",
        )
        .bind(proposal)
        .bind(certificate)
        .bind(id)
        .execute(&mut *connection)
        .await?;
        if done.rows_affected() == 1 {
            Ok(())
        } else {
            Err(StoreError::Corrupt(format!(
                "round {id} stopped being a draft between its input and its answer"
            )))
        }
    }

    /// The certificate of the round's proposal (crates/allocation/CERTIFICATE.md), if the
    /// round exists and is computed; read alone, as it is as long as the proposal.
    pub async fn round_certificate(&self, id: i64) -> Result<Option<String>, StoreError> {
        let mut connection = self.connection().await?;
        let row = sqlx::query("SELECT certificate FROM rounds WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *connection)
            .await?;
        Ok(match row {
            Some(row) => row.try_get("certificate")?,
            None => None,
        })
    }

    /// The ids of the latest rounds past draft (published or closed), newest first.
    pub async fn published_round_ids(&self, limit: i64) -> Result<Vec<i64>, StoreError> {
        let mut connection = self.connection().await?;
        let rows =
            sqlx::query("SELECT id FROM rounds WHERE state <> 'draft' ORDER BY id DESC LIMIT $1")
                .bind(limit)
                .fetch_all(&mut *connection)
                .await?;
        rows.iter()
            .map(|row| Ok(row.try_get::<i64, _>(0)?))
            .collect()
    }

    /// The ids of an organization's rounds, every state, newest first.
    pub async fn round_ids_of(
        &self,
        organization: &PartyCode,
        limit: i64,
    ) -> Result<Vec<i64>, StoreError> {
        let mut connection = self.connection().await?;
        let rows =
            sqlx::query("SELECT id FROM rounds WHERE organization = $1 ORDER BY id DESC LIMIT $2")
                .bind(organization.as_str())
                .bind(limit)
                .fetch_all(&mut *connection)
                .await?;
        rows.iter()
            .map(|row| Ok(row.try_get::<i64, _>(0)?))
            .collect()
    }

    /// The round with this id, with its lots and requests.
    pub async fn round(&self, id: i64) -> Result<Option<Round>, StoreError> {
        self.round_reading(id, "input, proposal").await
    }

    /// The round as [`Tx::round`] reads it but without the engine's input and answer
    /// (`None`, hundreds of kilobytes for a large round, which computing replaces), and the
    /// facts the engine needs of each lot it pools (in the order of its lots), read with
    /// them in one query.
    pub async fn round_with_lot_facts(
        &self,
        id: i64,
    ) -> Result<Option<(Round, Vec<crate::cooperation::LotFacts>)>, StoreError> {
        self.round_and_lots(
            id,
            "NULL AS input, NULL AS proposal",
            &["l.product", "l.expiry"],
            |lot, row| {
                Ok(crate::cooperation::LotFacts {
                    lot,
                    product: domain::party::ProductCode::parse(row.text()?).map_err(corrupt)?,
                    expiry: parse_day(row.text()?)?,
                })
            },
        )
        .await
    }

    /// As [`Tx::round_with_lot_facts`], with the engine's answer (its input still `None`)
    /// and the maker of each lot instead of its facts: what publishing needs.
    pub async fn round_with_answer_and_lot_makers(
        &self,
        id: i64,
    ) -> Result<Option<(Round, Vec<(LotId, PartyCode)>)>, StoreError> {
        self.round_and_lots(
            id,
            "NULL AS input, proposal",
            &["l.manufacturer"],
            |lot, row| Ok((lot, PartyCode::parse(row.text()?).map_err(corrupt)?)),
        )
        .await
    }

    /// The round, reading `texts` for its input and answer, with its pooled lots and, of
    /// each, what `also` reads of the `columns` after them (`l.`: of the lot's own row); both
    /// in the order of the lots: by lot, then by holder's code as bytes, whatever the
    /// database's collation (the engine's input lists them so on both backends).
    async fn round_and_lots<Also>(
        &self,
        id: i64,
        texts: &str,
        columns: &[&str],
        also: impl Fn(LotId, &mut crate::PackedRow<'_>) -> Result<Also, StoreError>,
    ) -> Result<Option<(Round, Vec<Also>)>, StoreError> {
        let Some(mut round) = self.round_head(id, texts).await? else {
            return Ok(None);
        };
        let mut connection = self.connection().await?;
        // The lots' own rows only where their columns are asked for.
        let from = if columns.is_empty() {
            "FROM round_lots p WHERE p.round = $1"
        } else {
            "FROM round_lots p JOIN lots l ON l.id = p.lot WHERE p.round = $1"
        };
        let mut all = vec!["p.lot", "p.holder", "p.doses", "p.pledge"];
        all.extend_from_slice(columns);
        let text = crate::packed_rows(&mut connection, self.backend(), &all, from, id).await?;
        let mut lots = Vec::new();
        for line in text.lines() {
            let mut row = crate::PackedRow::new(line);
            let lot = LotId(row.number()?);
            let holder = PartyCode::parse(row.text()?).map_err(corrupt)?;
            let pooled = PooledLot {
                lot,
                holder,
                doses: row.number()?,
                pledge: row.optional_number()?,
            };
            let more = also(lot, &mut row)?;
            row.end()?;
            lots.push((pooled, more));
        }
        // Put in order here: cheaper than in the database's aggregate.
        lots.sort_unstable_by(|(one, _), (other, _)| {
            (one.lot, one.holder.as_str()).cmp(&(other.lot, other.holder.as_str()))
        });
        let (pooled, more): (Vec<_>, Vec<_>) = lots.into_iter().unzip();
        round.lots = pooled;
        Ok(Some((round, more)))
    }

    /// The round's own row and its requests, reading `texts` for its input and answer; its
    /// lots are left to the caller.
    async fn round_head(&self, id: i64, texts: &str) -> Result<Option<Round>, StoreError> {
        let mut connection = self.connection().await?;
        // Its requests' ids come with the row, as one JSON text: one query, not two.
        let requests = match self.backend() {
            crate::Backend::Sqlite => {
                "(SELECT json_group_array(request ORDER BY request) FROM round_requests WHERE round = rounds.id)"
            }
            crate::Backend::Postgres => {
                "CAST(COALESCE((SELECT json_agg(request ORDER BY request) FROM round_requests WHERE round = rounds.id), '[]') AS TEXT)"
            }
        };
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT id, organization, state, date, target_per_100, after_round, proposed_by, {texts}, created_at, updated_at, {requests} AS requests FROM rounds WHERE id = $1",
        )))
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let mut round = round_from(&row)?;
        let requests: String = row.try_get("requests")?;
        round.requests = serde_json::from_str(&requests).map_err(corrupt)?;
        Ok(Some(round))
    }

    /// The round, reading `texts` for its input and answer.
    async fn round_reading(&self, id: i64, texts: &str) -> Result<Option<Round>, StoreError> {
        let round = self.round_and_lots(id, texts, &[], |_, _| Ok(())).await?;
        Ok(round.map(|(round, _)| round))
    }
}

/// Doses of one lot and holder a published share holds reserved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareLot {
    /// The lot.
    pub lot: LotId,
    /// Its holder.
    pub holder: PartyCode,
    /// How many doses.
    pub doses: i64,
    /// The movement that reserved them.
    pub movement: i64,
}

/// A published share and the country's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredShare {
    /// Its number in the round.
    pub share: i64,
    /// The country.
    pub country: PartyCode,
    /// The request it serves.
    pub request: i64,
    /// Doses allocated.
    pub doses: i64,
    /// `accept` or `decline`, once answered.
    pub response: Option<String>,
    /// Why it was declined.
    pub reason: Option<String>,
    /// A note with the answer.
    pub note: Option<String>,
    /// The doses it holds reserved, by lot and holder.
    pub lots: Vec<ShareLot>,
}

impl Tx {
    /// Moves a round from `from` to `to`; false when it was not in `from`.
    pub async fn set_round_state(
        &self,
        id: i64,
        from: RoundState,
        to: RoundState,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        self.transition("rounds", id, from.as_str(), to.as_str(), at)
            .await
    }

    /// A round's published shares, by number, with their lots.
    pub async fn shares(&self, round: i64) -> Result<Vec<StoredShare>, StoreError> {
        let mut connection = self.connection().await?;
        let rows = sqlx::query("SELECT share, country, request, doses, response, reason, note FROM round_shares WHERE round = $1 ORDER BY share")
            .bind(round)
            .fetch_all(&mut *connection)
            .await?;
        let mut shares = Vec::with_capacity(rows.len());
        for row in rows {
            let country: String = row.try_get("country")?;
            shares.push(StoredShare {
                share: row.try_get("share")?,
                country: PartyCode::parse(&country).map_err(corrupt)?,
                request: row.try_get("request")?,
                doses: row.try_get("doses")?,
                response: row.try_get("response")?,
                reason: row.try_get("reason")?,
                note: row.try_get("note")?,
                lots: Vec::new(),
            });
        }
        let lots: Vec<(i64, i64, String, i64, i64)> = crate::json_rows(
            &mut connection,
            self.backend(),
            "share, lot, holder, doses, movement",
            "FROM round_share_lots WHERE round = $1",
            "share, lot, holder",
            round,
        )
        .await?;
        for (share, lot, holder, doses, movement) in lots {
            let lot = ShareLot {
                lot: LotId(lot),
                holder: PartyCode::parse(&holder).map_err(corrupt)?,
                doses,
                movement,
            };
            if let Some(found) = shares.iter_mut().find(|candidate| candidate.share == share) {
                found.lots.push(lot);
            }
        }
        Ok(shares)
    }

    /// Records a share's answer; false when it was answered already (one answer per share,
    /// even among concurrent ones).
    pub async fn answer_share(
        &self,
        round: i64,
        share: i64,
        response: &str,
        reason: Option<&str>,
        note: Option<&str>,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut connection = self.connection().await?;
        let done = sqlx::query(
            "UPDATE round_shares SET response = $1, reason = $2, note = $3, answered_at = $4 \
             WHERE round = $5 AND share = $6 AND response IS NULL",
        )
        .bind(response)
        .bind(reason)
        .bind(note)
        .bind(at.to_string())
        .bind(round)
        .bind(share)
        .execute(&mut *connection)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

/// A published share to record: its number, country, request and doses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewShare {
    /// Its number in the round.
    pub share: i64,
    /// The country.
    pub country: PartyCode,
    /// The request it serves.
    pub request: i64,
    /// Doses allocated.
    pub doses: i64,
}

impl Tx {
    /// Records a published round's shares and the reserved doses of each, in a few
    /// multi-row statements.
    pub async fn insert_shares(
        &self,
        round: i64,
        shares: &[NewShare],
        lots: &[(i64, ShareLot)],
    ) -> Result<(), StoreError> {
        let mut connection = self.connection().await?;
        let backend = self.backend();
        // Each table's rows in one statement, bound as one JSON parameter.
        if !shares.is_empty() {
            let rows: Vec<(i64, i64, &str, i64, i64)> = shares
                .iter()
                .map(|share| {
                    (
                        round,
                        share.share,
                        share.country.as_str(),
                        share.request,
                        share.doses,
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO round_shares (round, share, country, request, doses) {}",
                crate::JsonRows::new(
                    backend,
                    1,
                    &["BIGINT", "BIGINT", "TEXT", "BIGINT", "BIGINT"]
                )
                .select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(crate::json_text(&rows)?)
                .execute(&mut *connection)
                .await?;
        }
        if !lots.is_empty() {
            let rows: Vec<(i64, i64, i64, &str, i64, i64)> = lots
                .iter()
                .map(|(share, lot)| {
                    (
                        round,
                        *share,
                        lot.lot.0,
                        lot.holder.as_str(),
                        lot.doses,
                        lot.movement,
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO round_share_lots (round, share, lot, holder, doses, movement) {}",
                crate::JsonRows::new(
                    backend,
                    1,
                    &["BIGINT", "BIGINT", "BIGINT", "TEXT", "BIGINT", "BIGINT"]
                )
                .select()
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(crate::json_text(&rows)?)
                .execute(&mut *connection)
                .await?;
        }
        Ok(())
    }
}
