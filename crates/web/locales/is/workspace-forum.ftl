# The organizations' rounds and meetings, everyone's pledges and messages, the administrators' parties and users.
ws-rounds-open = Open the round
ws-rounds-open-legend = Open a round
ws-rounds-date = Day of the round
ws-rounds-target = Target, doses per 100 people
ws-rounds-target-hint = Optional; the default target of every request that has none.
ws-rounds-lots = Lots pooled
ws-rounds-lots-hint = Your available doses and those of donors with open pledges to you.
ws-rounds-requests = Requests served
ws-rounds-lot-option = Lot { $lot } ({ $product }) held by { $holder }: { $doses } doses, expires { $expiry }
ws-rounds-request-option = Request { $id }: { $country }, { $doses } doses by { $date }
ws-rounds-round-option = Round { $id } of { $date } ({ $state })
ws-rounds-round = Round { $id }
ws-rounds-next = Open the next round
ws-rounds-next-legend = Start the next round with what is left
ws-rounds-after = Follows
ws-rounds-yours = Your rounds
ws-rounds-col-round = Round
ws-rounds-col-date = Day
ws-rounds-col-pooled = Doses pooled
ws-rounds-col-requests = Requests
ws-rounds-col-answered = Shares answered
ws-rounds-col-lot = Lot
ws-rounds-col-holder = Held by
ws-rounds-col-doses = Doses
ws-rounds-col-expiry = Expires
ws-rounds-col-request = Request
ws-rounds-col-needed-by = Needed by
ws-rounds-none = You have no round yet.
ws-rounds-no-lots = No lot is pooled.
ws-rounds-no-requests = No request is served.
ws-rounds-no-shares = The proposal gives no doses.
ws-rounds-pool = What the round pools
ws-rounds-proposed-by = Proposed by
ws-rounds-change = Save the changes
ws-rounds-change-legend = Change the draft
ws-rounds-compute = Compute the proposal
ws-rounds-publish = Publish the round
ws-rounds-close = Close the round
ws-rounds-not-computed = The proposal has not been computed yet.
ws-rounds-public-page = The round's public page
ws-rounds-proposal-summary = { PLURAL($n) ->
    [one] { $doses } doses to { $n } country; { $left } doses left in the pool.
   *[other] { $doses } doses to { $n } countries; { $left } doses left in the pool.
}
ws-rounds-error-target = Enter a number of doses per 100 people, like 20 or 12.5.
ws-rounds-waiting-compute = Round { $id } is a draft to compute.
ws-rounds-waiting-publish = Round { $id } is computed and waits to be published.
ws-rounds-waiting-answers = { PLURAL($n) ->
    [one] Round { $id }: { $n } share awaits its country's answer.
   *[other] Round { $id }: { $n } shares await their countries' answers.
}
ws-done-round-opened = The round is open as a draft.
ws-done-round-changed = The draft is changed; compute it again.
ws-done-round-computed = The proposal is computed.
ws-done-round-published = The round is published; the countries are notified.
ws-done-round-closed = The round is closed.
