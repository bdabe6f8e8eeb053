//! Meetings: an organization records a forum session (title, day, parties) and links the
//! commitments made there (pledges, offers, agreements, partnerships); the meeting's report,
//! public, shows every outcome's progress now (doses promised, agreed and delivered, or the
//! partnership's stage), summed from the ledger's shipments, never typed in.

use domain::access::{Action, Actor, may};
use domain::audit::{AuditAction, ObjectKind, ObjectRef};
use domain::ledger::PartyCode;
use domain::party::check_name;
use domain::time::Timestamp;
use serde::{Deserialize, Serialize};
use store::Tx;
use store::agreements::{Meeting, OutcomeLink};

use crate::offers::existing_party;
use crate::requests::parse_day;
use crate::{AppError, Fields, LIST_ITEMS_MAX, audit};

/// The most parties one meeting may list.
pub const MEETING_PARTIES_MAX: usize = 300;

/// A meeting, as an organization's official records it.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewMeetingInput {
    /// Its title.
    #[schema(example = "International Forum on COVID-19 Vaccine Cooperation")]
    pub title: String,
    /// The day it was held (YYYY-MM-DD).
    #[schema(example = "2021-08-05")]
    pub date: String,
    /// The parties that took part (codes); the recording organization is added.
    pub parties: Vec<String>,
}

/// A commitment to link to a meeting.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    /// `pledge`, `agreement`, `partnership` or `offer`.
    #[schema(example = "pledge")]
    pub kind: String,
    /// The commitment's id.
    pub id: i64,
}

/// One outcome of a meeting and where it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct OutcomeProgress {
    /// `pledge`, `agreement`, `partnership` or `offer`.
    pub kind: String,
    /// The commitment's id.
    pub id: i64,
    /// The parties it binds (donor and recipient, supplier and recipient, manufacturer and
    /// partner or the party an offer is made to).
    pub parties: Vec<String>,
    /// The product, if one.
    pub product: Option<String>,
    /// Doses promised (pledged, agreed or offered); none for a partnership.
    pub doses_promised: Option<i64>,
    /// For an offer: doses in agreements made from it.
    pub doses_agreed: Option<i64>,
    /// Doses of delivered shipments linked to it (for an offer, to its agreements).
    pub doses_delivered: Option<i64>,
    /// For a partnership: doses a year once producing.
    pub capacity_per_year: Option<i64>,
    /// For an agreement: the offer or pledge it came from, as `{kind, id}`.
    pub came_from: Option<CameFrom>,
    /// Its state now (a partnership's stage).
    pub state: String,
    /// When it was linked to the meeting.
    pub linked_at: String,
}

/// The commitment an agreement came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct CameFrom {
    /// `offer` or `pledge`.
    pub kind: String,
    /// Its id.
    pub id: i64,
}

/// A meeting with every outcome's progress: the report a minister would be asked about.
#[derive(Debug, Clone)]
pub struct MeetingReport {
    /// The meeting.
    pub meeting: Meeting,
    /// Its outcomes, in the order they were linked.
    pub outcomes: Vec<OutcomeProgress>,
}

impl MeetingReport {
    /// Doses promised and delivered by the meeting's commitments, each dose counted once: an
    /// agreement made from an offer or a pledge that is itself an outcome carries the same
    /// doses, so only the offer or pledge counts.
    pub fn totals(&self) -> (i64, i64) {
        let counted = self.outcomes.iter().filter(|outcome| {
            outcome.came_from.as_ref().is_none_or(|source| {
                !self
                    .outcomes
                    .iter()
                    .any(|other| other.kind == source.kind && other.id == source.id)
            })
        });
        counted.fold((0, 0), |(promised, delivered), outcome| {
            (
                promised + outcome.doses_promised.unwrap_or(0),
                delivered + outcome.doses_delivered.unwrap_or(0),
            )
        })
    }
}

fn not_found(id: i64) -> AppError {
    AppError::NotFound(format!("there is no meeting {id}"))
}

/// Records a meeting of the actor's organization.
pub async fn create(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    input: &NewMeetingInput,
) -> Result<MeetingReport, AppError> {
    may(actor, &Action::CreateMeeting)?;
    let mut fields = Fields::new();
    fields.check("title", check_name(&input.title));
    let date = fields.check("date", parse_day(&input.date));
    if input.parties.len() > MEETING_PARTIES_MAX {
        fields.push("parties", format!("at most {MEETING_PARTIES_MAX} parties"));
    }
    let mut parties = vec![actor.party.clone()];
    for (index, code) in input.parties.iter().enumerate().take(MEETING_PARTIES_MAX) {
        let field = format!("parties[{index}]");
        if let Some(party) = existing_party(tx, &mut fields, &field, code).await?
            && !parties.contains(&party.code)
        {
            parties.push(party.code);
        }
    }
    fields.finish()?;
    let Some(date) = date else {
        return Err(AppError::invalid("date", "is required"));
    };
    parties.sort();
    let id = tx
        .create_meeting(&actor.party, &input.title, date, &parties, now)
        .await?;
    audit::record(
        tx,
        Some(actor),
        now,
        AuditAction::MeetingCreated,
        ObjectRef::new(ObjectKind::Meeting, id),
        parties.clone(),
        serde_json::json!({"title": input.title, "date": date}),
    )
    .await?;
    report(tx, id).await
}

/// Links a commitment made at the meeting (the organization that recorded it).
pub async fn link(
    tx: &Tx,
    now: Timestamp,
    actor: &Actor,
    meeting: i64,
    input: &OutcomeInput,
) -> Result<MeetingReport, AppError> {
    let current = tx
        .meeting(meeting)
        .await?
        .ok_or_else(|| not_found(meeting))?;
    may(
        actor,
        &Action::LinkOutcome {
            organization: current.organization.clone(),
        },
    )?;
    let kind = match input.kind.as_str() {
        "pledge" => ObjectKind::Pledge,
        "agreement" => ObjectKind::Agreement,
        "partnership" => ObjectKind::Partnership,
        "offer" => ObjectKind::Offer,
        other => {
            return Err(AppError::invalid(
                "kind",
                format!(
                    "{other:?} is not a kind of outcome: expected \"pledge\", \"agreement\", \"partnership\" or \"offer\""
                ),
            ));
        }
    };
    let link = OutcomeLink {
        kind: input.kind.clone(),
        id: input.id,
        linked_at: now,
    };
    let Some(progress) = progress(tx, &link).await? else {
        return Err(AppError::invalid(
            "id",
            format!("there is no {} {}", input.kind, input.id),
        ));
    };
    if !tx.link_outcome(meeting, &input.kind, input.id, now).await? {
        return Err(AppError::Conflict {
            code: "already_exists",
            detail: format!(
                "{} {} is already an outcome of meeting {meeting}",
                input.kind, input.id
            ),
        });
    }
    let mut parties = current.parties.clone();
    for code in &progress.parties {
        if let Ok(code) = PartyCode::parse(code)
            && !parties.contains(&code)
        {
            parties.push(code);
        }
    }
    audit::record_related(
        tx,
        Some(actor),
        now,
        AuditAction::MeetingOutcomeLinked,
        ObjectRef::new(ObjectKind::Meeting, meeting),
        vec![ObjectRef::new(kind, input.id)],
        parties,
        serde_json::json!({"kind": input.kind, "id": input.id}),
    )
    .await?;
    report(tx, meeting).await
}

/// Where one outcome stands now; `None` when the commitment does not exist.
async fn progress(tx: &Tx, link: &OutcomeLink) -> Result<Option<OutcomeProgress>, AppError> {
    let base = |parties: Vec<String>, product: Option<String>, state: String| OutcomeProgress {
        kind: link.kind.clone(),
        id: link.id,
        parties,
        product,
        doses_promised: None,
        doses_agreed: None,
        doses_delivered: None,
        capacity_per_year: None,
        came_from: None,
        state,
        linked_at: link.linked_at.to_string(),
    };
    let found = match link.kind.as_str() {
        "pledge" => tx.pledge(link.id).await?.map(|pledge| OutcomeProgress {
            doses_promised: Some(pledge.doses),
            doses_delivered: Some(pledge.doses_delivered),
            ..base(
                vec![pledge.donor.into(), pledge.to.into()],
                pledge.product.map(String::from),
                pledge.state.as_str().into(),
            )
        }),
        "agreement" => tx
            .agreement(link.id)
            .await?
            .map(|agreement| OutcomeProgress {
                doses_promised: Some(agreement.doses),
                doses_delivered: Some(agreement.doses_delivered),
                came_from: agreement
                    .offer
                    .map(|id| CameFrom {
                        kind: "offer".into(),
                        id,
                    })
                    .or(agreement.pledge.map(|id| CameFrom {
                        kind: "pledge".into(),
                        id,
                    })),
                ..base(
                    vec![agreement.supplier.into(), agreement.recipient.into()],
                    agreement.product.map(String::from),
                    agreement.state.as_str().into(),
                )
            }),
        "offer" => tx.offer(link.id).await?.map(|offer| OutcomeProgress {
            doses_promised: Some(offer.doses),
            doses_agreed: Some(offer.doses_taken),
            doses_delivered: Some(offer.doses_delivered),
            ..base(
                std::iter::once(offer.manufacturer.into())
                    .chain(offer.to.map(String::from))
                    .collect(),
                Some(offer.product.into()),
                offer.state.as_str().into(),
            )
        }),
        "partnership" => tx
            .partnership(link.id)
            .await?
            .map(|partnership| OutcomeProgress {
                capacity_per_year: Some(partnership.capacity_per_year),
                ..base(
                    vec![partnership.manufacturer.into(), partnership.partner.into()],
                    Some(partnership.product.into()),
                    partnership.stage.as_str().into(),
                )
            }),
        _ => None,
    };
    Ok(found)
}

/// The meeting with every outcome's progress (public).
pub async fn report(tx: &Tx, id: i64) -> Result<MeetingReport, AppError> {
    let meeting = tx.meeting(id).await?.ok_or_else(|| not_found(id))?;
    let mut outcomes = Vec::with_capacity(meeting.outcomes.len());
    for link in &meeting.outcomes {
        // A linked commitment cannot vanish (nothing deletes one); skip it if it ever did.
        outcomes.extend(progress(tx, link).await?);
    }
    Ok(MeetingReport { meeting, outcomes })
}

/// Meetings by id (public), each with its outcomes' progress.
pub async fn list(tx: &Tx, after: Option<i64>, limit: i64) -> Result<Vec<MeetingReport>, AppError> {
    let meetings = tx
        .meetings(None, after, limit.clamp(1, LIST_ITEMS_MAX))
        .await?;
    let mut reports = Vec::with_capacity(meetings.len());
    for meeting in meetings {
        let id = meeting.id;
        reports.push(report(tx, id).await?);
    }
    Ok(reports)
}
