# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = Choisir…
ws-maker-doses = { PLURAL($n) ->
    [one] { $doses } dose
   *[other] { $doses } doses
}
ws-maker-days = { PLURAL($n) ->
    [one] { $days } jour
   *[other] { $days } jours
}
ws-maker-window = du { $from } au { $to }

## Columns
ws-maker-col-product = Produit
ws-maker-col-name = Nom
ws-maker-col-doses-per-course = Doses par schéma
ws-maker-col-storage = Conservation
ws-maker-col-shelf-life = Durée de conservation
ws-maker-col-gtin = GTIN
ws-maker-col-lot = Numéro de lot
ws-maker-col-serial = Numéro de série
ws-maker-col-expiry = Péremption
ws-maker-col-doses-released = Doses libérées
ws-maker-col-doses-available = Disponibles chez vous
ws-maker-col-month = Mois
ws-maker-col-doses = Doses
ws-maker-col-stated = Déclarée le
ws-maker-col-offer = Offre
ws-maker-col-manufacturer = Fabricant
ws-maker-col-doses-offered = Doses offertes
ws-maker-col-doses-left = Doses restantes
ws-maker-col-window = Disponible
ws-maker-col-price = Prix par dose
ws-maker-col-to = Destinataire
ws-maker-col-agreement = Accord
ws-maker-col-supplier = Fournisseur
ws-maker-col-recipient = Bénéficiaire
ws-maker-col-doses-delivered = Doses livrées
ws-maker-col-with = Autre partie
ws-maker-col-partnership = Partenariat
ws-maker-col-site = Site
ws-maker-col-kind = Type
ws-maker-col-capacity-per-year = Doses par an
ws-maker-col-stage = Étape

## Names of values
ws-maker-storage-2-8c = Réfrigéré, de 2 à 8 °C
ws-maker-storage-20c = Congelé, −20 °C
ws-maker-storage-70c = Ultra-congelé, −70 °C
ws-maker-offer-state-open = Ouverte
ws-maker-offer-state-accepted = Entièrement prise
ws-maker-offer-state-declined = Refusée
ws-maker-offer-state-withdrawn = Retirée
ws-maker-agreement-state-proposed = Proposé
ws-maker-agreement-state-signed = Signé
ws-maker-agreement-state-cancelled = Annulé
ws-maker-agreement-state-completed = Exécuté
ws-maker-partnership-kind-fill-finish = Remplissage et conditionnement
ws-maker-partnership-kind-technology-transfer = Transfert de technologie
ws-maker-partnership-stage-proposed = Proposé
ws-maker-partnership-stage-negotiating = En négociation
ws-maker-partnership-stage-agreed = Conclu
ws-maker-partnership-stage-producing = En production
ws-maker-partnership-stage-abandoned = Abandonné
ws-maker-partnership-action-negotiate = Ouvrir la négociation
ws-maker-partnership-action-agree = Conclure
ws-maker-partnership-action-start-production = Lancer la production
ws-maker-partnership-action-abandon = Abandonner

## Products
ws-maker-products-lead = Les vaccins que fabrique votre partie. Un lot collé sous forme de chaîne GS1 trouve son produit grâce au GTIN indiqué ici.
ws-maker-products-caption = Vos produits
ws-maker-no-products = Votre partie n’a encore aucun produit.
ws-maker-products-read-only = Seuls les responsables d’un fabricant ajoutent des produits ; vous pouvez les consulter ici.
ws-maker-product-new = Ajouter un produit
ws-maker-product-create = Ajouter le produit
ws-maker-field-product-code = Code du produit
ws-maker-hint-product-code = Lettres, chiffres, « - », « _ » et « . », comme AZD1222.
ws-maker-field-product-name = Nom
ws-maker-field-doses-per-course = Doses d’un schéma complet
ws-maker-field-storage = Conservation
ws-maker-field-shelf-life-days = Durée de conservation en jours
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = Le numéro sous le code-barres de l’emballage : 14 chiffres (8, 12 ou 13 sont complétés). Facultatif.

## Lots
ws-maker-lots-yours = Vos lots
ws-maker-lots-caption = Vos lots, les plus récents d’abord
ws-maker-no-lots = Votre partie n’a encore enregistré aucun lot.
ws-maker-lots-read-only = Seuls les responsables d’un fabricant enregistrent des lots ; vous pouvez les consulter ici.
ws-maker-lot-new = Enregistrer un lot
ws-maker-lot-new-lead = Collez la chaîne GS1 imprimée sur l’emballage, ou donnez les champs du lot. Enregistrer un lot libère ses doses dans votre stock disponible.
ws-maker-lot-by-gs1 = À partir de la chaîne GS1 de l’emballage
ws-maker-field-gs1 = Chaîne d’éléments GS1
ws-maker-hint-gs1 = Telle qu’imprimée sous le code-barres, comme { $example }, ou telle qu’un lecteur l’envoie. Vous vérifierez ce qu’elle dit avant tout enregistrement.
ws-maker-gs1-read = Lire la chaîne
ws-maker-lot-by-fields = Par champs
ws-maker-field-product = Produit
ws-maker-field-lot-number = Numéro de lot
ws-maker-hint-lot-number = Tel qu’imprimé sur l’emballage, 20 caractères au plus.
ws-maker-field-expiry = Date de péremption
ws-maker-field-doses-released = Doses libérées
ws-maker-lot-register = Enregistrer le lot
ws-maker-lot-check = Vérifiez le lot lu dans la chaîne GS1
ws-maker-lot-check-lead = Rien n’est encore enregistré. Si c’est bien l’emballage que vous avez en main, indiquez les doses libérées et confirmez.
ws-maker-lot-confirm = Confirmer et enregistrer
ws-maker-lot-start-again = Coller une autre chaîne
ws-maker-gs1-empty = La chaîne GS1 est vide : collez ou scannez le texte imprimé sur l’emballage, par exemple { $example }.
ws-maker-gs1-too-long = La chaîne GS1 compte plus de { $maximum } caractères : vérifiez qu’un seul code a été collé.
ws-maker-gs1-expected-ai = Un identifiant d’application comme (01) ou 01 doit figurer au caractère { $position }, mais on lit « { $found } ».
ws-maker-gs1-unknown-ai = L’identifiant d’application ({ $ai }) n’est pas lu ici : la chaîne d’un emballage de vaccin utilise (01) GTIN, (10) numéro de lot, (17) date de péremption et (21) numéro de série.
ws-maker-gs1-duplicate-ai = L’identifiant d’application ({ $ai }) figure plus d’une fois : donnez chacun une seule fois.
ws-maker-gs1-gtin-missing = La chaîne n’a pas de GTIN : elle doit contenir (01) suivi du GTIN à 14 chiffres de l’emballage.
ws-maker-gs1-field-empty = ({ $ai }) n’a pas de valeur : écrivez-la juste après l’identifiant.
ws-maker-gs1-field-not-digits = ({ $ai }) « { $value } » ne doit contenir que des chiffres.
ws-maker-gs1-field-wrong-length = ({ $ai }) doit être suivi d’exactement { $expected } chiffres, mais « { $value } » en compte { $length }.
ws-maker-gs1-field-too-long = ({ $ai }) « { $value } » compte { $length } caractères, plus que les { $maximum } permis.
ws-maker-gs1-field-invalid-character = ({ $ai }) « { $value } » contient « { $character } », que GS1 n’autorise pas ici : n’utilisez que les lettres de A à Z et de a à z, les chiffres et { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) « { $value } » n’est pas une date : une péremption s’écrit AAMMJJ, avec un mois de 01 à 12 et un jour que ce mois compte (00 désigne son dernier jour).
ws-maker-gs1-gtin-not-digits = Le GTIN « { $input } » ne doit contenir que des chiffres.
ws-maker-gs1-gtin-wrong-length = Un GTIN compte 8, 12, 13 ou 14 chiffres, mais « { $input } » en compte { $length }.
ws-maker-gs1-check-digit = Le GTIN { $gtin } se termine par le chiffre de contrôle { $found }, mais ses autres chiffres donnent { $expected } : vérifiez qu’il n’y a pas de faute de frappe.
ws-maker-gs1-expiry-not-encodable = La péremption { $expiry } ne peut pas s’écrire en (17) AAMMJJ, qui couvre les années 2000 à 2099.
ws-maker-gs1-ambiguous = ({ $ai }) « { $value } » contient un texte qui se lit comme un identifiant d’application entre parenthèses : collez plutôt la forme brute envoyée par le lecteur.
ws-maker-gs1-no-product = Aucun de vos produits n’a le GTIN { $gtin } : donnez d’abord ce GTIN au produit, ou vérifiez la chaîne.
ws-maker-gs1-no-lot = La chaîne n’a pas de numéro de lot (10) : un lot ne peut pas être enregistré sans lui.
ws-maker-gs1-no-expiry = La chaîne n’a pas de date de péremption (17) : un lot ne peut pas être enregistré sans elle.

## Capacity
ws-maker-capacity-lead = Combien de doses de chaque produit votre partie peut fabriquer en un mois. Ces chiffres sont publics, pour que le forum voie l’offre à venir ; un nouveau chiffre pour le même produit et le même mois remplace le précédent.
ws-maker-capacity-caption = Votre capacité mensuelle
ws-maker-no-capacity = Votre partie n’a encore déclaré aucune capacité.
ws-maker-capacity-read-only = Seuls les responsables d’un fabricant déclarent une capacité ; vous pouvez la consulter ici.
ws-maker-capacity-new = Déclarer la capacité d’un mois
ws-maker-capacity-set = Déclarer la capacité
ws-maker-field-month = Mois
ws-maker-hint-month = Année et mois, comme 2021-09.
ws-maker-field-capacity-doses = Doses ce mois-là
ws-maker-hint-capacity-doses = 0 si le produit n’est pas fabriqué ce mois-là.

## Offers
ws-maker-offers-lead = Vos offres de doses, à un pays ou une organisation, ou à tous. Une offre ouverte peut être retirée ; chaque acceptation crée un accord signé, listé plus bas.
ws-maker-offers-lead-others = Les offres des fabricants faites à votre partie ou ouvertes à elle. Accepter des doses crée un accord de fourniture signé, listé plus bas.
ws-maker-no-offers = Aucune offre pour l’instant.
ws-maker-offer-number = Offre { $id }
ws-maker-offer-to-all = Tous les pays et organisations
ws-maker-offer-new = Faire une offre
ws-maker-offer-create = Faire l’offre
ws-maker-field-doses-offered = Doses offertes
ws-maker-field-available-from = Livrables à partir du
ws-maker-field-available-to = Livrables jusqu’au
ws-maker-hint-window = Au plus { $days } jours après le premier jour.
ws-maker-field-price = Prix par dose
ws-maker-hint-price = Un nombre décimal comme 3,50, facultatif.
ws-maker-field-currency = Devise
ws-maker-hint-currency = Trois lettres, comme USD ; nécessaire avec un prix.
ws-maker-field-to = Destinataire
ws-maker-field-doses-taken = Doses à prendre
ws-maker-offer-accept = Accepter
ws-maker-offer-decline = Refuser
ws-maker-offer-withdraw = Retirer
ws-maker-agreements = Accords issus d’offres
ws-maker-agreement-number = Accord { $id }
ws-maker-no-agreements = Aucun accord n’est encore issu d’une offre.

## Partnerships
ws-maker-partnerships-lead = La production locale du produit d’un fabricant par un partenaire, en toute transparence : chaque partie peut franchir chaque étape, de la proposition à la production, et chaque étape est signalée à l’autre.
ws-maker-no-partnerships = Votre partie ne participe encore à aucun partenariat.
ws-maker-partnership-number = Partenariat { $id }
ws-maker-partnership-new = Proposer un partenariat
ws-maker-partnership-propose = Le proposer
ws-maker-field-partner = Partenaire
ws-maker-field-manufacturer = Fabricant
ws-maker-field-site = Site
ws-maker-hint-site = Une usine ou une ville, comme Dakar.
ws-maker-field-partnership-kind = Type
ws-maker-field-capacity-per-year = Doses par an une fois en production

## What waits
ws-maker-waiting-offer-open = L’offre { $offer } de { $product } est ouverte : { $left } pas encore prises, jusqu’au { $until }
ws-maker-waiting-offer-to-answer = Offre { $offer } de { $manufacturer } : { $left } de { $product }, jusqu’au { $until }
ws-maker-waiting-partnership = { $party } propose un partenariat pour fabriquer { $product } à { $site }
ws-maker-waiting-lot-at-risk = Lot { $lot } de { $product } : { $at_risk } encore chez vous périment le { $expiry }

## Errors
ws-maker-error-at-most = Saisissez un nombre entier qui ne dépasse pas { $maximum }.
ws-maker-error-product-code = N’utilisez que des lettres, des chiffres, « - », « _ » et « . », 64 au plus.
ws-maker-error-product-exists = Un produit avec ce code ou ce GTIN existe déjà.
ws-maker-error-lot-number = Utilisez de 1 à 20 caractères imprimables, comme sur l’emballage.
ws-maker-error-lot-exists = Ce numéro de lot est déjà enregistré pour ce produit.
ws-maker-error-expiry-past = La péremption du { $expiry } précède aujourd’hui ({ $today }) : un lot périmé ne peut pas être libéré.
ws-maker-error-expiry-far = La péremption tombe après le { $latest } : vérifiez la date.
ws-maker-error-month = Saisissez un mois comme 2021-09, entre 2000-01 et 2100-12.
ws-maker-error-window-order = Le dernier jour précède le premier.
ws-maker-error-window-long = La période peut durer au plus { $days } jours.
ws-maker-error-window-past = Le dernier jour précède aujourd’hui ({ $today }).
ws-maker-error-price = Saisissez un prix comme 3,50 : un nombre décimal de 0 à 10000 avec au plus 4 décimales.
ws-maker-error-currency = Saisissez une devise en trois lettres, comme USD.
ws-maker-error-currency-required = Un prix a besoin de sa devise.
ws-maker-error-changed = Ce n’est plus possible : cela a changé entre-temps. La page le montre tel qu’il est maintenant.

## After a form
ws-done-maker-product-created = Le produit a été ajouté.
ws-done-maker-lot-registered = Le lot a été enregistré et ses doses libérées.
ws-done-maker-capacity-set = La capacité a été déclarée.
ws-done-maker-offer-created = L’offre a été faite.
ws-done-maker-offer-withdrawn = L’offre a été retirée.
ws-done-maker-offer-accepted = Les doses ont été acceptées : un accord signé a été créé.
ws-done-maker-offer-declined = L’offre a été refusée.
ws-done-maker-partnership-proposed = Le partenariat a été proposé.
ws-done-maker-partnership-moved = Le partenariat est passé à l’étape suivante.
ws-done-maker-partnership-abandoned = Le partenariat a été abandonné.
