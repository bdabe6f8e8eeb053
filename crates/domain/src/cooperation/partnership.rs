//! A local-production partnership (fill-finish or technology transfer) between a
//! manufacturer and a partner, moving in the open through its stages: `proposed` →
//! `negotiating` → `agreed` → `producing`, or `abandoned` from any stage before production.

use super::InvalidState;

named_enum!(
    /// What the partnership produces locally.
    PartnershipKind, "a kind of partnership", {
        /// The partner fills and finishes doses of the manufacturer's product.
        FillFinish => "fill_finish",
        /// The manufacturer transfers the technology to make the product.
        TechnologyTransfer => "technology_transfer",
    }
);

named_enum!(
    /// Where a partnership stands.
    PartnershipStage, "a partnership stage", {
        /// One side proposed it.
        Proposed => "proposed",
        /// Both sides are negotiating.
        Negotiating => "negotiating",
        /// They agreed; production is being set up.
        Agreed => "agreed",
        /// The site produces doses.
        Producing => "producing",
        /// One side gave it up.
        Abandoned => "abandoned",
    }
);

named_enum!(
    /// What either side can do to a partnership.
    PartnershipAction, "a partnership action", {
        /// From proposed to negotiating.
        Negotiate => "negotiate",
        /// From negotiating to agreed.
        Agree => "agree",
        /// From agreed to producing.
        StartProduction => "start_production",
        /// From any stage before production to abandoned.
        Abandon => "abandon",
    }
);

/// The stage after `action` on partnership `id` at `stage`.
pub fn next(
    id: i64,
    stage: PartnershipStage,
    action: PartnershipAction,
) -> Result<PartnershipStage, InvalidState> {
    use PartnershipAction::*;
    use PartnershipStage::*;
    let (done, allowed) = match action {
        Negotiate => ("negotiated", "a proposed partnership can be negotiated"),
        Agree => ("agreed", "a partnership being negotiated can be agreed"),
        StartProduction => (
            "put into production",
            "an agreed partnership can start production",
        ),
        Abandon => (
            "abandoned",
            "a partnership can be abandoned before it produces",
        ),
    };
    match (stage, action) {
        (Proposed, Negotiate) => Ok(Negotiating),
        (Negotiating, Agree) => Ok(Agreed),
        (Agreed, StartProduction) => Ok(Producing),
        (Proposed | Negotiating | Agreed, Abandon) => Ok(Abandoned),
        (stage, _) => Err(InvalidState {
            object: "partnership",
            id,
            state: stage.as_str(),
            done,
            allowed,
        }),
    }
}
