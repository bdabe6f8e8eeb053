# Les espaces de travail après connexion : connexion, cadre, formulaires et leurs erreurs.
ws-sign-in = Se connecter
ws-sign-in-lead = Les responsables des pays, des fabricants et des organisations se connectent ici pour répondre aux cycles, confirmer les envois, enregistrer les lots et échanger avec les autres parties.
ws-field-email = Adresse électronique
ws-field-password = Mot de passe
ws-sign-out = Se déconnecter
ws-signed-in-as = { $email } ({ $party }, { $role })
ws-nav-label = Espace de travail
ws-home = Votre espace de travail
ws-nav-home = Accueil
ws-nav-requests = Demandes
ws-nav-shares = Parts des cycles
ws-nav-shipments = Envois
ws-nav-stock = Stocks
ws-nav-administration = Administration
ws-nav-products = Produits
ws-nav-lots = Lots
ws-nav-capacity = Capacités
ws-nav-offers = Offres
ws-nav-partnerships = Partenariats
ws-nav-rounds = Cycles
ws-nav-meetings = Réunions
ws-nav-pledges = Promesses
ws-nav-threads = Messages
ws-nav-notifications = Notifications
ws-nav-parties = Parties
ws-nav-users = Utilisateurs
ws-unread = { PLURAL($n) ->
    [one] { $n } non lu
   *[other] { $n } non lus
}
ws-role-official = responsable
ws-role-viewer = observateur
ws-role-admin = administrateur
ws-kind-country = Pays
ws-kind-manufacturer = Fabricant
ws-kind-organization = Organisation
ws-party = Partie
ws-party-kind = Type de partie
ws-role = Rôle
ws-waiting = Ce qui vous attend
ws-waiting-messages = { PLURAL($n) ->
    [one] { $n } message non lu
   *[other] { $n } messages non lus
}
ws-waiting-notifications = { PLURAL($n) ->
    [one] { $n } notification non lue
   *[other] { $n } notifications non lues
}
ws-nothing-waiting = Rien ne vous attend pour l’instant.
ws-your-pages = Vos pages
ws-mark-all-read = Tout marquer comme lu
ws-read = Lue
ws-unread-state = Non lue
ws-col-event = Événement
ws-col-summary = Détail
ws-col-when = Quand
ws-col-state = État
ws-col-actions = Actions
ws-no-notifications = Aucune notification pour l’instant.
ws-done-read = Marquées comme lues.
ws-error-required = Remplissez ce champ.
ws-error-positive = Saisissez un nombre entier égal ou supérieur à 1.
ws-error-count = Saisissez un nombre entier égal ou supérieur à 0.
ws-error-day = Saisissez une date au format 2021-08-04.
ws-error-choice = Choisissez l’une des options proposées.
ws-error-denied = Votre rôle ne vous permet pas de faire cela.
ws-error-not-found = Cet élément n’existe plus, ou vous n’êtes pas autorisé à le consulter.
ws-error-signed-out = Votre session a pris fin ; reconnectez-vous.
ws-error-internal = La plateforme n’a pas pu effectuer cette opération pour le moment ; réessayez dans un instant.
ws-error-credentials = L’adresse électronique ou le mot de passe est incorrect, ou l’utilisateur est désactivé.
ws-error-credentials-missing = Saisissez votre adresse électronique et votre mot de passe.
ws-error-throttled = Trop de tentatives de connexion infructueuses : patientez un instant avant de réessayer.
ws-rule-form-sent-with-other-values = Ce formulaire a déjà été envoyé avec d’autres valeurs ; rouvrez la page.
ws-rule-request-in-flight = Ce formulaire est encore en cours de traitement ; patientez un instant.
ws-event-round-published = Un cycle a été publié
ws-event-round-response = Un pays a répondu au sujet de sa part
ws-event-round-closed = Un cycle a été clos
ws-event-shipment-dispatched = Un envoi a été expédié
ws-event-shipment-delivered = Un envoi a été livré
ws-event-expiry-proposed = Des doses menacées de péremption ont été proposées
ws-event-message-created = Un nouveau message
ws-event-offer-created = Une nouvelle offre
ws-event-agreement-signed = Un accord a été signé
ws-event-partnership-stage = Un partenariat est passé à l’étape suivante
ws-error-conflict = Ceci a changé entre-temps : son état ne permet plus cette action. La page le montre tel qu’il est maintenant.
ws-error-check-form = Certains champs demandent votre attention.
