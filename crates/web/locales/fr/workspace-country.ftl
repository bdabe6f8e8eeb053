# Le circuit des doses dans les espaces de travail : demandes, parts des cycles et rapports d’administration d’un pays, envois et stocks de chaque détenteur.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [one] dans { $n } jour
   *[other] dans { $n } jours
})
ws-country-expired = { $date } (périmé)
ws-country-viewer-reads = Vous lisez cette page en observateur : seuls les responsables de la partie agissent ici.
ws-country-rule-invalid-state = Ceci a changé entre-temps : la page montre maintenant où il en est.
ws-country-rule-already-answered = Votre pays a déjà répondu à cette part : une seule réponse par part.
ws-country-rule-insufficient-balance = Plus de doses que votre pays n’en a de disponibles dans ce lot.
ws-country-rule-lot-expired = Ce lot est périmé : ses doses ne peuvent plus être déplacées.
ws-country-waiting-share = Cycle { $id } de { $organization } : votre part de { $doses } doses attend votre réponse
ws-country-waiting-dispatch = { PLURAL($n) ->
    [one] { $n } envoi à expédier
   *[other] { $n } envois à expédier
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [one] { $n } envoi en route à confirmer à l’arrivée
   *[other] { $n } envois en route à confirmer à l’arrivée
}
ws-country-waiting-risk = { PLURAL($n) ->
    [one] { $n } lot dont { $doses } doses risquent de périmer inutilisées
   *[other] { $n } lots dont { $doses } doses risquent de périmer inutilisées
}
ws-country-col-lot = Lot
ws-country-col-doses = Doses
ws-country-col-expiry = Péremption
ws-country-col-note = Note
# Demandes.
ws-country-requests-lead = Demandez des doses aux organisations : les cycles servent les demandes ouvertes, puis la part de votre pays attend votre réponse.
ws-country-requests-yours = Vos demandes
ws-country-requests-none = Votre pays n’a encore aucune demande.
ws-country-request = Demande { $id }
ws-country-withdraw = Retirer
ws-country-any-product = tous
ws-country-col-request = Demande
ws-country-col-asked = Doses demandées
ws-country-col-allocated = Attribuées
ws-country-col-delivered = Livrées
ws-country-col-needed-by = Nécessaires avant le
ws-country-col-shelf-life = Conservation à l’arrivée, en jours
ws-country-col-absorption = Doses par jour
ws-country-col-products = Produits
ws-country-request-legend = Demander des doses
ws-country-request-create = Envoyer la demande
ws-country-field-doses = Doses
ws-country-field-doses-hint = Le nombre de doses que votre pays demande.
ws-country-field-needed-by = Nécessaires avant le
ws-country-field-products = Produits autorisés dans votre pays
ws-country-field-products-hint = Ne cochez rien pour accepter tout produit.
ws-country-field-shelf-life = Durée de conservation restante à l’arrivée, en jours
ws-country-field-shelf-life-hint = Facultatif ; les lots qui périment plus tôt ne vous sont pas attribués.
ws-country-field-absorption = Doses que votre pays peut administrer par jour
ws-country-field-absorption-hint = Facultatif ; à défaut, votre rythme récent est utilisé.
ws-country-field-lead-time = Délai d’acheminement, en jours
ws-country-field-lead-time-hint = Facultatif ; jours entre un cycle et l’arrivée des doses.
ws-country-field-target = Objectif, doses pour 100 personnes
ws-country-field-target-hint = Facultatif ; par exemple 40 ou 52,5.
ws-country-field-note = Note pour les organisations
ws-country-error-past = Ce jour est passé : indiquez un jour à partir d’aujourd’hui.
ws-country-error-target = Saisissez un nombre supérieur à 0 et d’au plus 1 000, comme 40 ou 52,5.
ws-done-country-request-created = Votre demande est envoyée ; les organisations peuvent la servir à leur prochain cycle.
ws-done-country-request-withdrawn = La demande est retirée.
# Parts des cycles.
ws-country-shares-lead = Quand une organisation publie un cycle, la part de votre pays attend ici votre réponse. Accepter planifie les envois ; refuser rend les doses au fonds commun pour d’autres pays.
ws-country-shares-awaiting = En attente de votre réponse
ws-country-shares-none-awaiting = Aucune part n’attend votre réponse.
ws-country-shares-answered = Parts auxquelles vous avez répondu
ws-country-shares-none-answered = Aucune réponse pour l’instant.
ws-country-share-heading = Cycle { $id } de { $organization }, { $date }
ws-country-share-doses = Doses proposées à votre pays
ws-country-share-coverage = Doses pour 100 personnes
ws-country-share-coverage-value = { $from } avant, { $to } après
ws-country-share-request = La demande qu’elle sert
ws-country-share-request-value = Demande { $id } : { $doses } doses nécessaires avant le { $date }
ws-country-share-lots = Les lots de votre part du cycle { $id }
ws-country-share-no-lots = Aucun lot : cette part ne compte aucune dose.
ws-country-col-holder = Détenu par
ws-country-below-shelf-life = conservation plus courte que celle que vous avez demandée
ws-country-col-round = Cycle
ws-country-round = Cycle { $id } de { $organization }
ws-country-accept-legend = Accepter la part
ws-country-accept = Accepter
ws-country-decline-legend = Ou la refuser, en disant pourquoi
ws-country-decline = Refuser
ws-country-field-reason = Motif
ws-country-choose-reason = Choisissez un motif
ws-country-field-answer-note = Note
ws-country-field-answer-note-hint = Obligatoire avec « autre motif ».
ws-country-error-note-other = Précisez quel est l’autre motif.
ws-done-country-share-accepted = La part est acceptée : ses envois sont planifiés.
ws-done-country-share-declined = La part est refusée : ses doses retournent au fonds commun.
# Envois.
ws-country-shipments-lead = Les envois que votre partie expédie et reçoit. Le détenteur expédie un envoi planifié (ou l’annule) ; le destinataire confirme un envoi en route à son arrivée.
ws-country-shipments-incoming = Envois vers vous
ws-country-shipments-outgoing = Envois de votre part
ws-country-shipments-none-incoming = Aucun envoi ne vient vers votre partie.
ws-country-shipments-none-outgoing = Votre partie n’expédie aucun envoi.
ws-country-shipments-incoming-caption = Envois vers votre partie, les plus récents d’abord
ws-country-shipments-outgoing-caption = Envois de votre partie, les plus récents d’abord
ws-country-shipment = Envoi { $id }
ws-country-col-shipment = Envoi
ws-country-col-from = De
ws-country-col-to = Vers
ws-country-col-linked = Pour
ws-country-col-updated = Dernier changement
ws-country-shipment-planned = planifié
ws-country-shipment-in-transit = en route
ws-country-shipment-delivered = livré
ws-country-shipment-cancelled = annulé
ws-country-shipment-dispatch = Expédier
ws-country-shipment-confirm = Confirmer la livraison
ws-country-shipment-cancel = Annuler
ws-country-link-round = cycle { $id }
ws-country-link-request = demande { $id }
ws-country-link-pledge = promesse { $id }
ws-country-link-agreement = accord { $id }
ws-done-country-shipment-dispatched = L’envoi est expédié : ses doses sont en route.
ws-done-country-shipment-confirmed = La livraison est confirmée : les doses sont dans votre stock.
ws-done-country-shipment-cancelled = L’envoi est annulé : ses doses sont de nouveau disponibles.
# Stocks.
ws-country-stock-lead = Les doses de votre partie par lot, la péremption la plus proche d’abord.
ws-country-stock-by-lot = Doses par lot
ws-country-stock-none = Votre partie ne détient aucune dose.
ws-country-col-available = Disponibles
ws-country-col-reserved = Réservées
ws-country-col-in-transit = En route vers vous
ws-country-col-administered = Administrées
ws-country-col-at-risk = À risque
ws-country-at-risk = Doses risquant de périmer
ws-country-at-risk-none = Aucune dose ne risque de périmer inutilisée.
ws-country-at-risk-lead = À votre rythme de { $value } doses par jour, en utilisant d’abord la péremption la plus proche, ces doses périmeraient inutilisées. Proposez-les à une organisation : elle les met en commun dans un cycle pour des pays qui peuvent les utiliser à temps.
ws-country-propose-legend = Lot { $value } : { $doses } doses à risque, péremption le { $date }
ws-country-propose = Proposer pour redistribution
ws-country-field-doses-proposed = Doses à proposer
ws-country-field-doses-proposed-hint = Vous avez { $doses } doses disponibles de ce lot.
ws-country-field-organization = Organisation
ws-country-choose-organization = Choisissez une organisation
ws-country-error-more-than-available = Plus de doses que vous n’en avez de disponibles dans ce lot.
ws-country-proposals = Vos propositions de redistribution
ws-country-already-proposed = { $doses } doses en sont déjà proposées dans des cycles pas encore publiés.
ws-done-country-proposed = Les doses sont proposées : l’organisation a un cycle en brouillon qui les contient.
# Administration des doses.
ws-country-administration-lead = Déclarez les doses que votre pays a administrées de chaque lot. Vos déclarations fixent votre rythme d’utilisation, d’après lequel vos doses à risque sont calculées.
ws-country-administered-recently = { PLURAL($n) ->
    [one] Doses administrées le dernier jour
   *[other] Doses administrées ces { $n } derniers jours
}
ws-country-administer-legend = Déclarer des doses administrées
ws-country-administer = Déclarer
ws-country-field-lot = Lot
ws-country-choose-lot = Choisissez un lot
ws-country-lot-option = { $value } : { $doses } disponibles, péremption le { $date }
ws-country-field-doses-administered = Doses administrées
ws-country-field-report-note = Note
ws-country-field-report-note-hint = Facultatif ; par exemple la campagne ou la région.
ws-country-nothing-to-administer = Votre pays n’a aucune dose disponible à déclarer.
ws-country-reports = Vos déclarations d’administration
ws-country-reports-none = Aucune déclaration pour l’instant.
ws-done-country-administered = La déclaration est enregistrée.
