# Los espacios de trabajo con sesión iniciada: inicio de sesión, el marco, los formularios y sus errores.
ws-sign-in = Iniciar sesión
ws-sign-in-lead = Los responsables de países, fabricantes y organizaciones inician sesión aquí para responder a las rondas, confirmar envíos, registrar lotes y comunicarse con las demás partes.
ws-field-email = Correo electrónico
ws-field-password = Contraseña
ws-sign-out = Cerrar sesión
ws-signed-in-as = { $email } ({ $party }, { $role })
ws-nav-label = Espacio de trabajo
ws-home = Su espacio de trabajo
ws-nav-home = Inicio
ws-nav-requests = Solicitudes
ws-nav-shares = Cuotas de las rondas
ws-nav-shipments = Envíos
ws-nav-stock = Existencias
ws-nav-administration = Administración
ws-nav-products = Productos
ws-nav-lots = Lotes
ws-nav-capacity = Capacidad
ws-nav-offers = Ofertas
ws-nav-partnerships = Asociaciones
ws-nav-rounds = Rondas
ws-nav-meetings = Reuniones
ws-nav-pledges = Compromisos
ws-nav-threads = Mensajes
ws-nav-notifications = Notificaciones
ws-nav-parties = Partes
ws-nav-users = Usuarios
ws-unread = { PLURAL($n) ->
    [one] { $n } sin leer
   *[other] { $n } sin leer
}
ws-role-official = responsable
ws-role-viewer = observador
ws-role-admin = administrador
ws-kind-country = País
ws-kind-manufacturer = Fabricante
ws-kind-organization = Organización
ws-party = Parte
ws-party-kind = Tipo de parte
ws-role = Rol
ws-waiting = Lo que tiene pendiente
ws-waiting-messages = { PLURAL($n) ->
    [one] { $n } mensaje sin leer
   *[other] { $n } mensajes sin leer
}
ws-waiting-notifications = { PLURAL($n) ->
    [one] { $n } notificación sin leer
   *[other] { $n } notificaciones sin leer
}
ws-nothing-waiting = Por ahora no tiene nada pendiente.
ws-your-pages = Sus páginas
ws-mark-all-read = Marcar todo como leído
ws-read = Leída
ws-unread-state = No leída
ws-col-event = Evento
ws-col-summary = Detalle
ws-col-when = Cuándo
ws-col-state = Estado
ws-col-actions = Acciones
ws-no-notifications = Todavía no hay notificaciones.
ws-done-read = Marcadas como leídas.
ws-error-required = Complete este campo.
ws-error-positive = Introduzca un número entero igual o mayor que 1.
ws-error-count = Introduzca un número entero igual o mayor que 0.
ws-error-day = Introduzca una fecha con el formato 2021-08-04.
ws-error-choice = Elija una de las opciones ofrecidas.
ws-error-denied = Su rol no le permite hacer esto.
ws-error-not-found = Esto ya no existe o no tiene permiso para verlo.
ws-error-signed-out = Su sesión ha terminado; vuelva a iniciar sesión.
ws-error-internal = La plataforma no pudo hacerlo en este momento; inténtelo de nuevo dentro de un momento.
ws-error-credentials = El correo electrónico o la contraseña no son correctos, o el usuario está desactivado.
ws-error-credentials-missing = Introduzca su correo electrónico y su contraseña.
ws-error-throttled = Demasiados intentos fallidos de inicio de sesión: espere un momento antes de volver a intentarlo.
ws-rule-form-sent-with-other-values = Este formulario ya se envió con otros valores; vuelva a abrir la página.
ws-rule-request-in-flight = Este formulario todavía se está procesando; espere un momento.
ws-event-round-published = Se publicó una ronda
ws-event-round-response = Un país respondió sobre su cuota
ws-event-round-closed = Se cerró una ronda
ws-event-shipment-dispatched = Se despachó un envío
ws-event-shipment-delivered = Se entregó un envío
ws-event-expiry-proposed = Se propusieron dosis en riesgo de caducar
ws-event-message-created = Un mensaje nuevo
ws-event-offer-created = Una oferta nueva
ws-event-agreement-signed = Se firmó un acuerdo
ws-event-partnership-stage = Una asociación pasó a su siguiente etapa
ws-error-conflict = Esto cambió mientras tanto: su estado ya no permite esta acción. La página lo muestra tal como está ahora.
ws-error-check-form = Algunos campos requieren su atención.
