# The dose path in the workspaces: a country's requests, round shares and administration reports, and every holder's shipments and stock.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [one] in { $n } day
   *[other] in { $n } days
})
ws-country-expired = { $date } (expired)
ws-country-viewer-reads = You read this page as a viewer: only the party's officials act here.
ws-country-rule-invalid-state = This has changed meanwhile: the page now shows where it stands.
ws-country-rule-already-answered = Your country has answered this share already: one answer per share.
ws-country-rule-insufficient-balance = More doses than your country has available of this lot.
ws-country-rule-lot-expired = This lot is past its expiry: its doses can no longer be moved.
ws-country-waiting-share = Round { $id } of { $organization }: your share of { $doses } doses awaits your answer
ws-country-waiting-dispatch = { PLURAL($n) ->
    [one] { $n } shipment to dispatch
   *[other] { $n } shipments to dispatch
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [one] { $n } shipment in transit to confirm on arrival
   *[other] { $n } shipments in transit to confirm on arrival
}
ws-country-waiting-risk = { PLURAL($n) ->
    [one] { $n } lot with { $doses } doses at risk of expiring unused
   *[other] { $n } lots with { $doses } doses at risk of expiring unused
}
ws-country-col-lot = Lot
ws-country-col-doses = Doses
ws-country-col-expiry = Expires
ws-country-col-note = Note
# Requests.
ws-country-requests-lead = Ask the organizations for doses: the rounds serve open requests, and your share then waits for your answer.
ws-country-requests-yours = Your requests
ws-country-requests-none = Your country has no request yet.
ws-country-request = Request { $id }
ws-country-withdraw = Withdraw
ws-country-any-product = any
ws-country-col-request = Request
ws-country-col-asked = Doses asked
ws-country-col-allocated = Allocated
ws-country-col-delivered = Delivered
ws-country-col-needed-by = Needed by
ws-country-col-shelf-life = Shelf life on arrival, days
ws-country-col-absorption = Doses a day
ws-country-col-products = Products
ws-country-request-legend = Ask for doses
ws-country-request-create = Send the request
ws-country-field-doses = Doses
ws-country-field-doses-hint = How many doses your country asks for.
ws-country-field-needed-by = Needed by
ws-country-field-products = Products authorised in your country
ws-country-field-products-hint = Leave all unchecked to accept any product.
ws-country-field-shelf-life = Shelf life left on arrival, in days
ws-country-field-shelf-life-hint = Optional; lots expiring sooner are not allocated to you.
ws-country-field-absorption = Doses your country can administer a day
ws-country-field-absorption-hint = Optional; without it, your recent rate is used.
ws-country-field-lead-time = Lead time, in days
ws-country-field-lead-time-hint = Optional; days from a round to the doses' arrival.
ws-country-field-target = Target, doses per 100 people
ws-country-field-target-hint = Optional; for example 40 or 52.5.
ws-country-field-note = Note for the organizations
ws-country-error-past = This day has passed: give a day from today on.
ws-country-error-target = Enter a number above 0 and at most 1,000, like 40 or 52.5.
ws-done-country-request-created = Your request is sent; the organizations can serve it in their next round.
ws-done-country-request-withdrawn = The request is withdrawn.
# Round shares.
ws-country-shares-lead = When an organization publishes a round, your country's share of it waits here for your answer. Accepting plans the shipments; declining gives the doses back to the pool for other countries.
ws-country-shares-awaiting = Awaiting your answer
ws-country-shares-none-awaiting = No share awaits your answer.
ws-country-shares-answered = Answered shares
ws-country-shares-none-answered = No share answered yet.
ws-country-share-heading = Round { $id } of { $organization }, { $date }
ws-country-share-doses = Doses offered to your country
ws-country-share-coverage = Doses per 100 people
ws-country-share-coverage-value = { $from } before, { $to } after
ws-country-share-request = The request it serves
ws-country-share-request-value = Request { $id }: { $doses } doses needed by { $date }
ws-country-share-lots = The lots of your share in round { $id }
ws-country-share-no-lots = No lot: this share has no doses.
ws-country-col-holder = Held by
ws-country-below-shelf-life = less shelf life than your request asks
ws-country-col-round = Round
ws-country-round = Round { $id } of { $organization }
ws-country-accept-legend = Accept the share
ws-country-accept = Accept
ws-country-decline-legend = Or decline it, saying why
ws-country-decline = Decline
ws-country-field-reason = Reason
ws-country-choose-reason = Choose a reason
ws-country-field-answer-note = Note
ws-country-field-answer-note-hint = Required with "other reason".
ws-country-error-note-other = Say what the other reason is.
ws-done-country-share-accepted = The share is accepted: its shipments are planned.
ws-done-country-share-declined = The share is declined: its doses return to the pool.
# Shipments.
ws-country-shipments-lead = The shipments your party sends and receives. The holder dispatches a planned shipment (or cancels it); the recipient confirms a shipment in transit when it arrives.
ws-country-shipments-incoming = Coming to you
ws-country-shipments-outgoing = Sent by you
ws-country-shipments-none-incoming = No shipment comes to your party.
ws-country-shipments-none-outgoing = Your party sends no shipment.
ws-country-shipments-incoming-caption = Shipments coming to your party, newest first
ws-country-shipments-outgoing-caption = Shipments your party sends, newest first
ws-country-shipment = Shipment { $id }
ws-country-col-shipment = Shipment
ws-country-col-from = From
ws-country-col-to = To
ws-country-col-linked = For
ws-country-col-updated = Last change
ws-country-shipment-planned = planned
ws-country-shipment-in-transit = in transit
ws-country-shipment-delivered = delivered
ws-country-shipment-cancelled = cancelled
ws-country-shipment-dispatch = Dispatch
ws-country-shipment-confirm = Confirm delivery
ws-country-shipment-cancel = Cancel
ws-country-link-round = round { $id }
ws-country-link-request = request { $id }
ws-country-link-pledge = pledge { $id }
ws-country-link-agreement = agreement { $id }
ws-done-country-shipment-dispatched = The shipment is dispatched: its doses are in transit.
ws-done-country-shipment-confirmed = The delivery is confirmed: the doses are in your stock.
ws-done-country-shipment-cancelled = The shipment is cancelled: its doses are available again.
# Stock.
ws-country-stock-lead = Your party's doses by lot, earliest expiry first.
ws-country-stock-by-lot = Doses by lot
ws-country-stock-none = Your party holds no doses.
ws-country-col-available = Available
ws-country-col-reserved = Reserved
ws-country-col-in-transit = In transit to you
ws-country-col-administered = Administered
ws-country-col-at-risk = At risk
ws-country-at-risk = Doses at risk of expiring
ws-country-at-risk-none = No dose is at risk of expiring unused.
ws-country-at-risk-lead = At your rate of { $value } doses a day, using the earliest expiry first, these doses would expire unused. Propose them to an organization: it pools them in a round for countries that can use them in time.
ws-country-propose-legend = Lot { $value }: { $doses } doses at risk, expires { $date }
ws-country-propose = Propose for redistribution
ws-country-field-doses-proposed = Doses to propose
ws-country-field-doses-proposed-hint = You have { $doses } doses of this lot available.
ws-country-field-organization = Organization
ws-country-choose-organization = Choose an organization
ws-country-error-more-than-available = More doses than you have available of this lot.
ws-country-proposals = Your redistribution proposals
ws-country-already-proposed = { $doses } doses of it are proposed already in rounds not yet published.
ws-done-country-proposed = The doses are proposed: the organization has a draft round holding them.
# Administration.
ws-country-administration-lead = Report the doses your country administered from each lot. Your reports set your rate of use, from which your doses at risk are reckoned.
ws-country-administered-recently = { PLURAL($n) ->
    [one] Doses administered in the last { $n } day
   *[other] Doses administered in the last { $n } days
}
ws-country-administer-legend = Report doses administered
ws-country-administer = Report
ws-country-field-lot = Lot
ws-country-choose-lot = Choose a lot
ws-country-lot-option = { $value }: { $doses } available, expires { $date }
ws-country-field-doses-administered = Doses administered
ws-country-field-report-note = Note
ws-country-field-report-note-hint = Optional; for example the campaign or the region.
ws-country-nothing-to-administer = Your country has no available doses to report on.
ws-country-reports = Your administration reports
ws-country-reports-none = No report yet.
ws-done-country-administered = The report is recorded.
