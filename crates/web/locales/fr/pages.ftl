# Les pages, un bloc chacune.

## Tableau de bord
dashboard-title = L’équité vaccinale en un coup d’œil
dashboard-lead = Le { $date }, les pays à revenu faible avaient administré { $low } doses pour 100 personnes ; les pays à revenu élevé { $high }.
latest-title = Derniers chiffres
latest-caption = Doses administrées pour 100 personnes le { $date }
latest-note = Les deux derniers jours de données sont exclus ici : de nombreux pays publient avec quelques jours de retard.
col-group = Groupe
col-doses = Doses administrées
col-population = Population
col-per-100 = Doses pour 100 personnes
col-date = Jour
coverage-title = Doses pour 100 personnes par groupe de revenu
coverage-desc = Doses administrées cumulées pour 100 personnes, du { $from } au { $to }, chaque pays gardant son dernier chiffre publié.
fulfilment-title = Promesses tenues
fulfilment-chart = Doses promises et livrées, par donateur
legend-pledged = Promises
legend-delivered = Livrées
col-donor = Donateur
col-pledged = Doses promises
col-delivered = Doses livrées
col-kept = Part livrée
fulfilment-none = Aucune promesse n’a encore été faite.
expiry-title = Doses menacées de péremption
expiry-lead = { $doses } doses de la plateforme périmeront avant d’être administrées au rythme récent de leurs détenteurs.
expiry-none = Aucune dose de la plateforme n’est menacée de péremption.
expiry-chart = Doses menacées, par semaine de péremption
expiry-note = Totaux de tous les détenteurs ; qui les détient n’est pas public.
col-week = Semaine de péremption (à partir du lundi)
col-product = Produit
col-at-risk = Doses menacées
rounds-title = Derniers cycles publiés
rounds-none = Aucun cycle n’a encore été publié.
round-item = Cycle { $id } de { $organization }, { $date } : { $doses } doses pour { $countries }

## Pays
countries-title = Pays
countries-lead = Doses pour 100 personnes le { $date }. Triez par colonne ou filtrez par nom ou groupe de revenu.
filter-name = Le nom contient
filter-group = Groupe de revenu
filter-any = Tous les groupes
filter-apply = Appliquer
filter-shown = { $count } affichés.
col-country = Pays
col-income-group = Groupe de revenu
sort-ascending = tri croissant
sort-descending = tri décroissant
countries-empty = Aucun pays ne correspond.

## Pays
country-lead = { $country }, { $group } : { $per100 } doses pour 100 personnes le { $date }.
country-lead-unknown = { $country } : pas de chiffre de population, donc pas de doses pour 100 personnes.
country-chart = { $country } face à son groupe de revenu et au monde
country-deliveries = Livraisons par la plateforme
country-delivered = { $doses } doses livrées par Equidose au { $date }.
country-no-deliveries = Aucune dose livrée par Equidose pour l’instant.
country-pledges = Promesses reçues
country-no-pledges = Aucune promesse à ce pays pour l’instant.
country-back = Retour à tous les pays
col-due = Échéance
col-state = État

## Cycle
round-title = Cycle { $id } de { $organization }
round-lead = Répartition du { $date } : { $doses } doses pour { $countries }.
round-proposal = La proposition
col-allocated = Doses attribuées
col-before = Avant, pour 100
col-after = Après, pour 100
col-limited = Limité par
col-response = Réponse
limited-cap = sa demande
limited-expiry = la péremption
limited-level = le niveau équitable
limited-supply = les doses disponibles
response-accept = Acceptée
response-decline = Refusée : { $reason }
response-none = Pas encore de réponse
reason-short_shelf_life = durée de conservation trop courte
reason-no_cold_chain = pas de chaîne du froid
reason-insufficient_notice = préavis trop court
reason-product_not_authorised = produit non autorisé
reason-no_absorption_capacity = ne peut pas administrer plus de doses
reason-other = autre raison
reason-no_response = pas de réponse
round-chart = Couverture avant et après le cycle
legend-before = Avant
legend-after = Après
round-recompute = Vérifiez vous-même
round-recompute-text = Téléchargez les données d’entrée du cycle et lancez le même moteur :
round-input-link = Données d’entrée du cycle (JSON)
round-not-found = Aucun cycle publié ne porte ce numéro.

## Promesses
pledges-title = Promesses
pledges-lead = Toutes les promesses faites sur la plateforme et les doses livrées en regard.
col-recipient = À
pledges-none = Aucune promesse n’a encore été faite.

## The policy simulator.
simulate-title = Simulateur de politiques
simulate-lead = En août 2021, l’OMS a demandé aux pays riches de suspendre les rappels jusqu’à ce que chaque pays ait vacciné au moins un dixième de sa population, et de partager leurs doses. Le simulateur part de l’état réel du monde au { $date } et suit trois politiques jusqu’au { $to }, en partageant avec le moteur d’allocation qu’utilise la plateforme.
simulate-assumptions = Les autres hypothèses sont celles du scénario d’exemple : jusqu’à { $doses } doses produites par mois jusqu’au { $date }, dont { $held } détenues par les contrats des pays les plus riches, le reste allant à une réserve commune ; { $primary } doses pour 100 personnes pour une primovaccination.
policy-boosters-first = Rappels d’abord
policy-boosters-first-text = Les détenteurs donnent à leur propre population une primovaccination et un rappel, et ne cèdent que les doses sur le point d’expirer.
policy-sharing = Moratoire et partage
policy-sharing-text = Les détenteurs gardent des doses jusqu’à la couverture fixée ci-dessous et mettent le reste en commun ; la réserve commune est partagée chaque semaine.
policy-proportional = Selon la population
policy-proportional-text = La production de chaque jour est répartie entre tous les pays selon leur population, dès le premier jour.
simulate-form = Modifier les hypothèses
simulate-booster = Rappel, doses pour 100 personnes
simulate-booster-hint = Ce qu’une campagne de rappel ajoute à la primovaccination ({ $primary } pour 100) ; les détenteurs vaccinent jusqu’aux deux avant de partager.
simulate-keep = Ce que gardent les détenteurs, doses pour 100 personnes
simulate-keep-hint = Pendant le moratoire, les détenteurs gardent des doses jusqu’à cette couverture et partagent le reste.
simulate-lead-time = Délai d’acheminement, en jours
simulate-lead-time-hint = De l’allocation à l’arrivée.
simulate-shelf-life = Durée de conservation minimale à l’arrivée, en jours
simulate-shelf-life-hint = Les destinataires refusent les doses dont la durée de conservation restante à l’arrivée est plus courte.
simulate-group = Groupe affiché
simulate-run = Lancer la simulation
simulate-errors = La simulation n’a pas été lancée : corrigez les valeurs signalées ci-dessous.
simulate-error-number = Saisissez un nombre de { $low } à { $high }.
simulate-error-days = Saisissez un nombre entier de jours de { $low } à { $high }.
simulate-error-group = Choisissez l’un des groupes de la liste.
simulate-busy = Le simulateur est occupé par les calculs d’autres lecteurs. Réessayez dans quelques secondes.
simulate-running = La simulation est encore en cours (un calcul prend quelques secondes) ; son résultat vous sera gardé.
simulate-retry = Afficher les résultats
simulate-chart = Doses pour 100 personnes selon chaque politique : { $group }
simulate-chart-desc = Doses administrées cumulées pour 100 personnes, simulées du { $from } au { $to }.
simulate-source = Source : le simulateur d’Equidose, à partir de l’instantané intégré des chiffres d’Our World in Data, de l’ONU et de la Banque mondiale au { $date }.
simulate-outcomes = Ce que donne chaque politique : { $group }
col-policy = Politique
simulate-col-reaches = Atteint { $value } pour 100
simulate-col-final = Pour 100 à la fin
simulate-col-world = Monde, pour 100 à la fin
col-expired = Doses périmées inutilisées
col-shared = Doses partagées
simulate-note = La simulation s’arrête le { $date } ; – : non atteint à cette date. Les doses périmées comptent toutes les doses expirées sans avoir été utilisées, où qu’elles aient été détenues ; les doses partagées sont celles attribuées lors des tours de partage.

## The page of a forum meeting.
meeting-lead = Enregistrée par { $organization }, tenue le { $date }, avec { $parties }.
meeting-totals = { $promised } doses promises, { $delivered } livrées (chaque dose comptée une fois).
meeting-outcomes = Les engagements pris et où ils en sont aujourd’hui
meeting-chart = Doses promises et livrées, par engagement
meeting-none = Aucun engagement n’est encore lié à cette réunion.
col-commitment = Engagement
col-parties = Parties
col-promised = Promises
col-agreed = Convenues
legend-promised = Promises
outcome-pledge = Promesse { $id }
outcome-offer = Offre { $id }
outcome-agreement = Accord { $id }
outcome-partnership = Partenariat { $id }
outcome-stage = { $stage } ({ $capacity } doses par an)
state-open = ouvert
state-withdrawn = retiré
state-fulfilled = tenu
state-accepted = accepté
state-declined = refusé
state-proposed = proposé
state-signed = signé
state-cancelled = annulé
state-completed = exécuté
state-negotiating = en négociation
state-agreed = conclu
state-producing = en production
state-abandoned = abandonné

## A round's certificate, checked without the engine.
round-check-text = Ou vérifiez l’allocation publiée sans faire confiance au moteur : téléchargez sa réponse et son certificat, puis lancez le vérificateur indépendant, qui dit en une phrase ce qui échoue, le cas échéant :
round-answer-link = La réponse du moteur (JSON)
round-certificate-link = Son certificat (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = Production locale
pipeline-lead = Les partenariats pour conditionner ou fabriquer les vaccins là où ils manquent, par étape.
col-stage = Étape
col-partnerships = Partenariats
col-capacity = Doses par an
col-sites = Qui et où
meetings-title = Les réunions du forum
meetings-none = Aucune réunion n’a encore été enregistrée.
meeting-item = { $title }, { $date } : { $promised } doses promises, { $delivered } livrées

## The round page's check, run in the reader's browser (check.js).
check-without-script = Avec JavaScript, cette page effectue les mêmes vérifications dans votre navigateur et indique ici si elles sont satisfaites ; sans JavaScript, lancez la commande ci-dessus.
check-checking = Vérification de la réponse et de son certificat dans votre navigateur…
check-passed = Vérifié dans votre navigateur : la réponse est réalisable jour après jour, elle alloue toutes les doses qui pouvaient l’être ({ $doses } doses), et aucune dose ne pourrait aller à un destinataire moins bien couvert sans laisser celui qui la cède en dessous de lui.
check-failed = La vérification dans votre navigateur a échoué. Ce que le vérificateur a trouvé (en anglais, tel que l’écrit equidose check) :
check-unreachable = La page n’a pas pu récupérer les trois fichiers pour les vérifier ({ $reason }) : lancez la commande ci-dessus.
