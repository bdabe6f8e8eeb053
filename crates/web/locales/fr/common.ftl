# Termes communs : mise en page, graphiques, groupes de revenu, états.
site-name = Equidose
site-tagline = Logiciel libre pour la coopération vaccinale internationale.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-dashboard = Tableau de bord
nav-countries = Pays
nav-pledges = Promesses
nav-simulate = Simulateur
nav-workspace = Espace de travail
language-label = Langue
footer-data = Données de référence : Our World in Data (CC BY 4.0), Perspectives de la population mondiale de l’ONU 2019, groupes de revenu de la Banque mondiale 2022.
footer-api = Les mêmes chiffres dans l’API
percent = { $value } %
group-low = Revenu faible
group-lower-middle = Revenu intermédiaire inférieur
group-upper-middle = Revenu intermédiaire supérieur
group-high = Revenu élevé
group-world = Monde
group-none = Non classé
chart-source = Source : { $source }. Chiffres du { $date }.
source-reference = Our World in Data, ONU, Banque mondiale et doses livrées par la plateforme
source-ledger = le registre d’Equidose
chart-numbers = Les chiffres du graphique
chart-csv = Télécharger les chiffres (CSV)
unit-per-100 = Doses pour 100 personnes
unit-doses = Doses
axis-date = Jour
# Error pages: a title per status, and the way back.
error-400 = La requête est illisible
error-401 = Connexion requise
error-403 = Accès refusé
error-404 = Introuvable
error-405 = Méthode non autorisée
error-408 = La requête a mis trop de temps à arriver
error-409 = Conflit avec l’état actuel
error-413 = La requête est trop volumineuse
error-415 = Type de contenu non pris en charge
error-422 = Saisie invalide
error-429 = Trop de requêtes
error-500 = Le serveur a rencontré une erreur
error-503 = Service indisponible ; réessayez dans un instant
error-other = La requête a échoué
error-back = Retour au tableau de bord
countries-count = { PLURAL($n) ->
    [one] { $shown } pays
   *[other] { $shown } pays
}
pledge-state-open = Ouverte
pledge-state-withdrawn = Retirée
pledge-state-fulfilled = Tenue
round-state-draft = Brouillon
round-state-published = Publiée
round-state-closed = Close
