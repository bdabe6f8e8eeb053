# Termes communs : mise en page, graphiques, groupes de revenu, états.
site-name = Equidose
site-tagline = Logiciel libre pour la coopération vaccinale internationale.
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-dashboard = Tableau de bord
nav-countries = Pays
nav-pledges = Promesses
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
