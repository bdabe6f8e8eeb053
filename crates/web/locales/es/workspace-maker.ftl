# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = Elija…
ws-maker-doses = { PLURAL($n) ->
    [one] { $doses } dosis
   *[other] { $doses } dosis
}
ws-maker-days = { PLURAL($n) ->
    [one] { $days } día
   *[other] { $days } días
}
ws-maker-window = del { $from } al { $to }

## Columns
ws-maker-col-product = Producto
ws-maker-col-name = Nombre
ws-maker-col-doses-per-course = Dosis por pauta
ws-maker-col-storage = Conservación
ws-maker-col-shelf-life = Vida útil
ws-maker-col-gtin = GTIN
ws-maker-col-lot = Número de lote
ws-maker-col-serial = Número de serie
ws-maker-col-expiry = Caducidad
ws-maker-col-doses-released = Dosis liberadas
ws-maker-col-doses-available = Disponibles en su poder
ws-maker-col-month = Mes
ws-maker-col-doses = Dosis
ws-maker-col-stated = Declarada
ws-maker-col-offer = Oferta
ws-maker-col-manufacturer = Fabricante
ws-maker-col-doses-offered = Dosis ofrecidas
ws-maker-col-doses-left = Dosis restantes
ws-maker-col-window = Disponible
ws-maker-col-price = Precio por dosis
ws-maker-col-to = Destinatario
ws-maker-col-agreement = Acuerdo
ws-maker-col-supplier = Proveedor
ws-maker-col-recipient = Receptor
ws-maker-col-doses-delivered = Dosis entregadas
ws-maker-col-with = Otra parte
ws-maker-col-partnership = Alianza
ws-maker-col-site = Sitio
ws-maker-col-kind = Tipo
ws-maker-col-capacity-per-year = Dosis al año
ws-maker-col-stage = Etapa

## Names of values
ws-maker-storage-2-8c = Refrigerado, de 2 a 8 °C
ws-maker-storage-20c = Congelado, −20 °C
ws-maker-storage-70c = Ultracongelado, −70 °C
ws-maker-offer-state-open = Abierta
ws-maker-offer-state-accepted = Tomada por completo
ws-maker-offer-state-declined = Rechazada
ws-maker-offer-state-withdrawn = Retirada
ws-maker-agreement-state-proposed = Propuesto
ws-maker-agreement-state-signed = Firmado
ws-maker-agreement-state-cancelled = Cancelado
ws-maker-agreement-state-completed = Cumplido
ws-maker-partnership-kind-fill-finish = Llenado y acabado
ws-maker-partnership-kind-technology-transfer = Transferencia de tecnología
ws-maker-partnership-stage-proposed = Propuesta
ws-maker-partnership-stage-negotiating = En negociación
ws-maker-partnership-stage-agreed = Acordada
ws-maker-partnership-stage-producing = En producción
ws-maker-partnership-stage-abandoned = Abandonada
ws-maker-partnership-action-negotiate = Empezar a negociar
ws-maker-partnership-action-agree = Acordar
ws-maker-partnership-action-start-production = Empezar la producción
ws-maker-partnership-action-abandon = Abandonar

## Products
ws-maker-products-lead = Las vacunas que fabrica su parte. Un lote pegado como cadena GS1 encuentra su producto por el GTIN indicado aquí.
ws-maker-products-caption = Sus productos
ws-maker-no-products = Su parte aún no tiene productos.
ws-maker-products-read-only = Solo los funcionarios de un fabricante añaden productos; aquí puede consultarlos.
ws-maker-product-new = Añadir un producto
ws-maker-product-create = Añadir el producto
ws-maker-field-product-code = Código del producto
ws-maker-hint-product-code = Letras, dígitos, «-», «_» y «.», como AZD1222.
ws-maker-field-product-name = Nombre
ws-maker-field-doses-per-course = Dosis de una pauta completa
ws-maker-field-storage = Conservación
ws-maker-field-shelf-life-days = Vida útil en días
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = El número bajo el código de barras del envase: 14 dígitos (los de 8, 12 o 13 se completan). Opcional.

## Lots
ws-maker-lots-yours = Sus lotes
ws-maker-lots-caption = Sus lotes, los más recientes primero
ws-maker-no-lots = Su parte aún no ha registrado lotes.
ws-maker-lots-read-only = Solo los funcionarios de un fabricante registran lotes; aquí puede consultarlos.
ws-maker-lot-new = Registrar un lote
ws-maker-lot-new-lead = Pegue la cadena GS1 impresa en el envase o indique los campos del lote. Registrar un lote libera sus dosis en sus existencias disponibles.
ws-maker-lot-by-gs1 = Con la cadena GS1 del envase
ws-maker-field-gs1 = Cadena de elementos GS1
ws-maker-hint-gs1 = Tal como está impresa bajo el código de barras, como { $example }, o como la envía un lector. Comprobará lo que dice antes de registrar nada.
ws-maker-gs1-read = Leer la cadena
ws-maker-lot-by-fields = Por campos
ws-maker-field-product = Producto
ws-maker-field-lot-number = Número de lote
ws-maker-hint-lot-number = Tal como figura en el envase, hasta 20 caracteres.
ws-maker-field-expiry = Fecha de caducidad
ws-maker-field-doses-released = Dosis liberadas
ws-maker-lot-register = Registrar el lote
ws-maker-lot-check = Compruebe el lote leído de la cadena GS1
ws-maker-lot-check-lead = Aún no se ha registrado nada. Si este es el envase que tiene en la mano, indique las dosis liberadas y confirme.
ws-maker-lot-confirm = Confirmar y registrar
ws-maker-lot-start-again = Pegar otra cadena
ws-maker-gs1-empty = La cadena GS1 está vacía: pegue o escanee el texto impreso en el envase, como { $example }.
ws-maker-gs1-too-long = La cadena GS1 tiene más de { $maximum } caracteres: compruebe que se pegó un solo código.
ws-maker-gs1-expected-ai = En el carácter { $position } debe haber un identificador de aplicación como (01) o 01, pero se lee «{ $found }».
ws-maker-gs1-unknown-ai = El identificador de aplicación ({ $ai }) no se lee aquí: la cadena del envase de una vacuna usa (01) GTIN, (10) número de lote, (17) fecha de caducidad y (21) número de serie.
ws-maker-gs1-duplicate-ai = El identificador de aplicación ({ $ai }) aparece más de una vez: indique cada uno una sola vez.
ws-maker-gs1-gtin-missing = La cadena no tiene GTIN: debe contener (01) seguido del GTIN de 14 dígitos del envase.
ws-maker-gs1-field-empty = ({ $ai }) no tiene valor: escríbalo justo después del identificador.
ws-maker-gs1-field-not-digits = ({ $ai }) «{ $value }» solo debe contener dígitos.
ws-maker-gs1-field-wrong-length = ({ $ai }) debe ir seguido de exactamente { $expected } dígitos, pero «{ $value }» tiene { $length }.
ws-maker-gs1-field-too-long = ({ $ai }) «{ $value }» tiene { $length } caracteres, más de los { $maximum } permitidos.
ws-maker-gs1-field-invalid-character = ({ $ai }) «{ $value }» contiene «{ $character }», que GS1 no permite aquí: use solo letras de la A a la Z y de la a a la z, dígitos y { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) «{ $value }» no es una fecha: la caducidad se escribe AAMMDD, con un mes de 01 a 12 y un día que ese mes tenga (00 significa su último día).
ws-maker-gs1-gtin-not-digits = El GTIN «{ $input }» solo debe contener dígitos.
ws-maker-gs1-gtin-wrong-length = Un GTIN tiene 8, 12, 13 o 14 dígitos, pero «{ $input }» tiene { $length }.
ws-maker-gs1-check-digit = El GTIN { $gtin } termina en el dígito de control { $found }, pero sus otros dígitos dan { $expected }: compruebe si hay un error de tecleo.
ws-maker-gs1-expiry-not-encodable = La caducidad { $expiry } no puede escribirse como (17) AAMMDD, que abarca los años 2000 a 2099.
ws-maker-gs1-ambiguous = ({ $ai }) «{ $value }» contiene un texto que se lee como un identificador de aplicación entre paréntesis: pegue en su lugar la forma en bruto que envía el lector.
ws-maker-gs1-no-product = Ninguno de sus productos tiene el GTIN { $gtin }: asigne primero ese GTIN al producto o compruebe la cadena.
ws-maker-gs1-no-lot = La cadena no tiene número de lote (10): no se puede registrar un lote sin él.
ws-maker-gs1-no-expiry = La cadena no tiene fecha de caducidad (17): no se puede registrar un lote sin ella.

## Capacity
ws-maker-capacity-lead = Cuántas dosis de cada producto puede fabricar su parte en un mes. Las cifras son públicas, para que el foro vea la oferta futura; una nueva cifra para el mismo producto y mes sustituye a la anterior.
ws-maker-capacity-caption = Su capacidad mensual
ws-maker-no-capacity = Su parte aún no ha declarado capacidad.
ws-maker-capacity-read-only = Solo los funcionarios de un fabricante declaran capacidad; aquí puede consultarla.
ws-maker-capacity-new = Declarar la capacidad de un mes
ws-maker-capacity-set = Declarar la capacidad
ws-maker-field-month = Mes
ws-maker-hint-month = Año y mes, como 2021-09.
ws-maker-field-capacity-doses = Dosis ese mes
ws-maker-hint-capacity-doses = 0 si el producto no se fabrica ese mes.

## Offers
ws-maker-offers-lead = Sus ofertas de dosis, a un país u organización o a todos. Una oferta abierta puede retirarse; cada aceptación crea un acuerdo firmado, que figura más abajo.
ws-maker-offers-lead-others = Ofertas de los fabricantes hechas a su parte o abiertas a ella. Aceptar dosis crea un acuerdo de suministro firmado, que figura más abajo.
ws-maker-no-offers = Todavía no hay ofertas.
ws-maker-offer-number = Oferta { $id }
ws-maker-offer-to-all = Todos los países y organizaciones
ws-maker-offer-new = Hacer una oferta
ws-maker-offer-create = Hacer la oferta
ws-maker-field-doses-offered = Dosis ofrecidas
ws-maker-field-available-from = Entregables desde
ws-maker-field-available-to = Entregables hasta
ws-maker-hint-window = Como mucho { $days } días después del primer día.
ws-maker-field-price = Precio por dosis
ws-maker-hint-price = Un decimal como 3,50; opcional.
ws-maker-field-currency = Moneda
ws-maker-hint-currency = Tres letras, como USD; necesaria si hay precio.
ws-maker-field-to = Destinatario
ws-maker-field-doses-taken = Dosis que toma
ws-maker-offer-accept = Aceptar
ws-maker-offer-decline = Rechazar
ws-maker-offer-withdraw = Retirar
ws-maker-agreements = Acuerdos surgidos de ofertas
ws-maker-agreement-number = Acuerdo { $id }
ws-maker-no-agreements = Todavía no ha surgido ningún acuerdo de una oferta.

## Partnerships
ws-maker-partnerships-lead = La producción local del producto de un fabricante por un socio, a la vista de todos: cualquiera de las dos partes da cada paso, de la propuesta a la producción, y cada paso se comunica a la otra.
ws-maker-no-partnerships = Su parte aún no participa en ninguna alianza.
ws-maker-partnership-number = Alianza { $id }
ws-maker-partnership-new = Proponer una alianza
ws-maker-partnership-propose = Proponerla
ws-maker-field-partner = Socio
ws-maker-field-manufacturer = Fabricante
ws-maker-field-site = Sitio
ws-maker-hint-site = Una planta o una ciudad, como Dakar.
ws-maker-field-partnership-kind = Tipo
ws-maker-field-capacity-per-year = Dosis al año una vez en producción

## What waits
ws-maker-waiting-offer-open = La oferta { $offer } de { $product } está abierta: { $left } aún sin tomar, hasta el { $until }
ws-maker-waiting-offer-to-answer = Oferta { $offer } de { $manufacturer }: { $left } de { $product }, hasta el { $until }
ws-maker-waiting-partnership = { $party } propone una alianza para fabricar { $product } en { $site }
ws-maker-waiting-lot-at-risk = Lote { $lot } de { $product }: { $at_risk } todavía en su poder caducan el { $expiry }

## Errors
ws-maker-error-at-most = Escriba un número entero no mayor que { $maximum }.
ws-maker-error-product-code = Use solo letras, dígitos, «-», «_» y «.», 64 como máximo.
ws-maker-error-product-exists = Ya existe un producto con este código o este GTIN.
ws-maker-error-lot-number = Use de 1 a 20 caracteres imprimibles, como en el envase.
ws-maker-error-lot-exists = Este número de lote ya está registrado para este producto.
ws-maker-error-expiry-past = La caducidad { $expiry } es anterior a hoy ({ $today }): no se puede liberar un lote caducado.
ws-maker-error-expiry-far = La caducidad es posterior al { $latest }: compruebe la fecha.
ws-maker-error-month = Escriba un mes como 2021-09, entre 2000-01 y 2100-12.
ws-maker-error-window-order = El último día es anterior al primero.
ws-maker-error-window-long = El periodo puede durar como mucho { $days } días.
ws-maker-error-window-past = El último día es anterior a hoy ({ $today }).
ws-maker-error-price = Escriba un precio como 3,50: un decimal de 0 a 10000 con 4 decimales como máximo.
ws-maker-error-currency = Escriba una moneda con tres letras, como USD.
ws-maker-error-currency-required = Un precio necesita su moneda.
ws-maker-error-changed = Ya no es posible: cambió mientras tanto. La página lo muestra tal como está ahora.

## After a form
ws-done-maker-product-created = Se añadió el producto.
ws-done-maker-lot-registered = Se registró el lote y se liberaron sus dosis.
ws-done-maker-capacity-set = Se declaró la capacidad.
ws-done-maker-offer-created = Se hizo la oferta.
ws-done-maker-offer-withdrawn = Se retiró la oferta.
ws-done-maker-offer-accepted = Se aceptaron las dosis: se creó un acuerdo firmado.
ws-done-maker-offer-declined = Se rechazó la oferta.
ws-done-maker-partnership-proposed = Se propuso la alianza.
ws-done-maker-partnership-moved = La alianza pasó a su siguiente etapa.
ws-done-maker-partnership-abandoned = Se abandonó la alianza.
