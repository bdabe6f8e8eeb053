# The signed-in workspaces: sign-in, the frame, forms and their errors.
ws-sign-in = Sign in
ws-sign-in-lead = Officials of countries, manufacturers and organizations sign in here to answer rounds, confirm shipments, register lots and talk with other parties.
ws-field-email = Email
ws-field-password = Password
ws-sign-out = Sign out
ws-signed-in-as = { $email } ({ $party }, { $role })
ws-nav-label = Workspace
ws-home = Your workspace
ws-nav-home = Home
ws-nav-requests = Requests
ws-nav-shares = Round shares
ws-nav-shipments = Shipments
ws-nav-stock = Stock
ws-nav-administration = Administration
ws-nav-products = Products
ws-nav-lots = Lots
ws-nav-capacity = Capacity
ws-nav-offers = Offers
ws-nav-partnerships = Partnerships
ws-nav-rounds = Rounds
ws-nav-meetings = Meetings
ws-nav-pledges = Pledges
ws-nav-threads = Messages
ws-nav-notifications = Notifications
ws-nav-parties = Parties
ws-nav-users = Users
ws-unread = { PLURAL($n) ->
    [one] { $n } unread
   *[other] { $n } unread
}
ws-role-official = official
ws-role-viewer = viewer
ws-role-admin = administrator
ws-kind-country = Country
ws-kind-manufacturer = Manufacturer
ws-kind-organization = Organization
ws-party = Party
ws-party-kind = Kind of party
ws-role = Role
ws-waiting = What waits for you
ws-waiting-messages = { PLURAL($n) ->
    [one] { $n } unread message
   *[other] { $n } unread messages
}
ws-waiting-notifications = { PLURAL($n) ->
    [one] { $n } unread notification
   *[other] { $n } unread notifications
}
ws-nothing-waiting = Nothing waits for you now.
ws-your-pages = Your pages
ws-mark-all-read = Mark all as read
ws-read = Read
ws-unread-state = Unread
ws-col-event = Event
ws-col-summary = What
ws-col-when = When
ws-col-state = State
ws-col-actions = Actions
ws-no-notifications = No notifications yet.
ws-done-read = Marked as read.
ws-error-required = Fill in this field.
ws-error-positive = Enter a whole number of at least 1.
ws-error-count = Enter a whole number of at least 0.
ws-error-day = Enter a day like 2021-08-04.
ws-error-choice = Choose one of the options offered.
ws-error-denied = Your role may not do this.
ws-error-not-found = This no longer exists, or is not yours to see.
ws-error-signed-out = Your session has ended; sign in again.
ws-error-internal = The platform could not do this now; try again in a moment.
ws-error-credentials = The email or the password is wrong, or the user is disabled.
ws-error-credentials-missing = Enter your email and your password.
ws-error-throttled = Too many failed sign-ins: wait a moment before trying again.
ws-rule-form-sent-with-other-values = This form was already sent with other values; open the page again.
ws-rule-request-in-flight = This form is still being handled; wait a moment.
ws-event-round-published = A round was published
ws-event-round-response = A country answered its share
ws-event-round-closed = A round was closed
ws-event-shipment-dispatched = A shipment was dispatched
ws-event-shipment-delivered = A shipment was delivered
ws-event-expiry-proposed = Doses at risk were proposed
ws-event-message-created = A new message
ws-event-offer-created = A new offer
ws-event-agreement-signed = An agreement was signed
ws-event-partnership-stage = A partnership moved to its next stage
ws-error-conflict = This changed meanwhile: it is no longer in a state that allows this. The page shows it as it is now.
ws-error-check-form = Some fields need your attention.
