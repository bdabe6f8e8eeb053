# El recorrido de las dosis en los espacios de trabajo: solicitudes, cuotas de las rondas e informes de administración de un país; envíos y existencias de cada tenedor.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [one] dentro de { $n } día
   *[other] dentro de { $n } días
})
ws-country-expired = { $date } (caducado)
ws-country-viewer-reads = Lee esta página como observador: aquí solo actúan los responsables de la parte.
ws-country-rule-invalid-state = Esto ha cambiado entretanto: la página muestra ahora en qué estado está.
ws-country-rule-already-answered = Su país ya ha respondido a esta cuota: una sola respuesta por cuota.
ws-country-rule-insufficient-balance = Más dosis de las que su país tiene disponibles de este lote.
ws-country-rule-lot-expired = Este lote ha caducado: sus dosis ya no pueden moverse.
ws-country-waiting-share = Ronda { $id } de { $organization }: su cuota de { $doses } dosis espera su respuesta
ws-country-waiting-dispatch = { PLURAL($n) ->
    [one] { $n } envío por despachar
   *[other] { $n } envíos por despachar
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [one] { $n } envío en tránsito por confirmar a su llegada
   *[other] { $n } envíos en tránsito por confirmar a su llegada
}
ws-country-waiting-risk = { PLURAL($n) ->
    [one] { $n } lote con { $doses } dosis en riesgo de caducar sin usarse
   *[other] { $n } lotes con { $doses } dosis en riesgo de caducar sin usarse
}
ws-country-col-lot = Lote
ws-country-col-doses = Dosis
ws-country-col-expiry = Caducidad
ws-country-col-note = Nota
# Solicitudes.
ws-country-requests-lead = Pida dosis a las organizaciones: las rondas atienden las solicitudes abiertas y después la cuota de su país espera su respuesta.
ws-country-requests-yours = Sus solicitudes
ws-country-requests-none = Su país aún no tiene ninguna solicitud.
ws-country-request = Solicitud { $id }
ws-country-withdraw = Retirar
ws-country-any-product = cualquiera
ws-country-col-request = Solicitud
ws-country-col-asked = Dosis pedidas
ws-country-col-allocated = Asignadas
ws-country-col-delivered = Entregadas
ws-country-col-needed-by = Necesarias antes del
ws-country-col-shelf-life = Vida útil a la llegada, en días
ws-country-col-absorption = Dosis al día
ws-country-col-products = Productos
ws-country-request-legend = Pedir dosis
ws-country-request-create = Enviar la solicitud
ws-country-field-doses = Dosis
ws-country-field-doses-hint = Cuántas dosis pide su país.
ws-country-field-needed-by = Necesarias antes del
ws-country-field-products = Productos autorizados en su país
ws-country-field-products-hint = No marque ninguno para aceptar cualquier producto.
ws-country-field-shelf-life = Vida útil restante a la llegada, en días
ws-country-field-shelf-life-hint = Opcional; los lotes que caducan antes no se le asignan.
ws-country-field-absorption = Dosis que su país puede administrar al día
ws-country-field-absorption-hint = Opcional; si falta, se usa su ritmo reciente.
ws-country-field-lead-time = Plazo de entrega, en días
ws-country-field-lead-time-hint = Opcional; días entre una ronda y la llegada de las dosis.
ws-country-field-target = Meta, dosis por cada 100 personas
ws-country-field-target-hint = Opcional; por ejemplo 40 o 52,5.
ws-country-field-note = Nota para las organizaciones
ws-country-error-past = Ese día ya pasó: indique un día a partir de hoy.
ws-country-error-target = Escriba un número mayor que 0 y de 1.000 como máximo, como 40 o 52,5.
ws-done-country-request-created = Su solicitud se ha enviado; las organizaciones pueden atenderla en su próxima ronda.
ws-done-country-request-withdrawn = La solicitud se ha retirado.
# Cuotas de las rondas.
ws-country-shares-lead = Cuando una organización publica una ronda, la cuota de su país espera aquí su respuesta. Aceptar planifica los envíos; rechazar devuelve las dosis al fondo común para otros países.
ws-country-shares-awaiting = A la espera de su respuesta
ws-country-shares-none-awaiting = Ninguna cuota espera su respuesta.
ws-country-shares-answered = Cuotas respondidas
ws-country-shares-none-answered = Aún no ha respondido a ninguna cuota.
ws-country-share-heading = Ronda { $id } de { $organization }, { $date }
ws-country-share-doses = Dosis ofrecidas a su país
ws-country-share-coverage = Dosis por cada 100 personas
ws-country-share-coverage-value = { $from } antes, { $to } después
ws-country-share-request = La solicitud que atiende
ws-country-share-request-value = Solicitud { $id }: { $doses } dosis necesarias antes del { $date }
ws-country-share-lots = Los lotes de su cuota en la ronda { $id }
ws-country-share-no-lots = Ningún lote: esta cuota no tiene dosis.
ws-country-col-holder = En poder de
ws-country-below-shelf-life = menos vida útil de la que pidió
ws-country-col-round = Ronda
ws-country-round = Ronda { $id } de { $organization }
ws-country-accept-legend = Aceptar la cuota
ws-country-accept = Aceptar
ws-country-decline-legend = O rechazarla, diciendo por qué
ws-country-decline = Rechazar
ws-country-field-reason = Motivo
ws-country-choose-reason = Elija un motivo
ws-country-field-answer-note = Nota
ws-country-field-answer-note-hint = Obligatoria con «otro motivo».
ws-country-error-note-other = Diga cuál es el otro motivo.
ws-done-country-share-accepted = La cuota se ha aceptado: sus envíos están planificados.
ws-done-country-share-declined = La cuota se ha rechazado: sus dosis vuelven al fondo común.
# Envíos.
ws-country-shipments-lead = Los envíos que su parte despacha y recibe. El tenedor despacha un envío planificado (o lo cancela); el destinatario confirma un envío en tránsito cuando llega.
ws-country-shipments-incoming = Hacia usted
ws-country-shipments-outgoing = Enviados por usted
ws-country-shipments-none-incoming = Ningún envío viene hacia su parte.
ws-country-shipments-none-outgoing = Su parte no despacha ningún envío.
ws-country-shipments-incoming-caption = Envíos hacia su parte, primero los más recientes
ws-country-shipments-outgoing-caption = Envíos de su parte, primero los más recientes
ws-country-shipment = Envío { $id }
ws-country-col-shipment = Envío
ws-country-col-from = De
ws-country-col-to = A
ws-country-col-linked = Para
ws-country-col-updated = Último cambio
ws-country-shipment-planned = planificado
ws-country-shipment-in-transit = en tránsito
ws-country-shipment-delivered = entregado
ws-country-shipment-cancelled = cancelado
ws-country-shipment-dispatch = Despachar
ws-country-shipment-confirm = Confirmar la entrega
ws-country-shipment-cancel = Cancelar
ws-country-link-round = ronda { $id }
ws-country-link-request = solicitud { $id }
ws-country-link-pledge = promesa { $id }
ws-country-link-agreement = acuerdo { $id }
ws-done-country-shipment-dispatched = El envío se ha despachado: sus dosis están en tránsito.
ws-done-country-shipment-confirmed = La entrega se ha confirmado: las dosis están en sus existencias.
ws-done-country-shipment-cancelled = El envío se ha cancelado: sus dosis vuelven a estar disponibles.
# Existencias.
ws-country-stock-lead = Las dosis de su parte por lote, primero la caducidad más próxima.
ws-country-stock-by-lot = Dosis por lote
ws-country-stock-none = Su parte no tiene dosis.
ws-country-col-available = Disponibles
ws-country-col-reserved = Reservadas
ws-country-col-in-transit = En tránsito hacia usted
ws-country-col-administered = Administradas
ws-country-col-at-risk = En riesgo
ws-country-at-risk = Dosis en riesgo de caducar
ws-country-at-risk-none = Ninguna dosis corre el riesgo de caducar sin usarse.
ws-country-at-risk-lead = A su ritmo de { $value } dosis al día, usando primero la caducidad más próxima, estas dosis caducarían sin usarse. Propóngalas a una organización: las reúne en una ronda para países que puedan usarlas a tiempo.
ws-country-propose-legend = Lote { $value }: { $doses } dosis en riesgo, caduca el { $date }
ws-country-propose = Proponer para redistribución
ws-country-field-doses-proposed = Dosis que propone
ws-country-field-doses-proposed-hint = Tiene { $doses } dosis disponibles de este lote.
ws-country-field-organization = Organización
ws-country-choose-organization = Elija una organización
ws-country-error-more-than-available = Más dosis de las que tiene disponibles de este lote.
ws-country-proposals = Sus propuestas de redistribución
ws-country-already-proposed = Ya se han propuesto { $doses } dosis de este lote en rondas aún no publicadas.
ws-done-country-proposed = Las dosis están propuestas: la organización tiene una ronda en borrador que las contiene.
# Administración de dosis.
ws-country-administration-lead = Informe de las dosis que su país administró de cada lote. Sus informes fijan su ritmo de uso, con el que se calculan sus dosis en riesgo.
ws-country-administered-recently = { PLURAL($n) ->
    [one] Dosis administradas el último día
   *[other] Dosis administradas en los últimos { $n } días
}
ws-country-administer-legend = Informar de dosis administradas
ws-country-administer = Informar
ws-country-field-lot = Lote
ws-country-choose-lot = Elija un lote
ws-country-lot-option = { $value }: { $doses } disponibles, caduca el { $date }
ws-country-field-doses-administered = Dosis administradas
ws-country-field-report-note = Nota
ws-country-field-report-note-hint = Opcional; por ejemplo la campaña o la región.
ws-country-nothing-to-administer = Su país no tiene dosis disponibles de las que informar.
ws-country-reports = Sus informes de administración
ws-country-reports-none = Aún no hay informes.
ws-done-country-administered = El informe se ha registrado.
