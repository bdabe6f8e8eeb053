# Términos comunes: diseño, gráficos, grupos de ingreso, estados.
site-name = Equidose
site-tagline = Software libre para la cooperación internacional en vacunas.
skip-to-content = Saltar al contenido
nav-label = Navegación principal
nav-dashboard = Panel
nav-countries = Países
nav-pledges = Compromisos
nav-simulate = Simulador
nav-workspace = Espacio de trabajo
language-label = Idioma
footer-data = Datos de referencia: Our World in Data (CC BY 4.0), Perspectivas de la Población Mundial de la ONU 2019, grupos de ingreso del Banco Mundial 2022.
footer-api = Las mismas cifras en la API
percent = { $value } %
group-low = Ingreso bajo
group-lower-middle = Ingreso mediano bajo
group-upper-middle = Ingreso mediano alto
group-high = Ingreso alto
group-world = Mundo
group-none = Sin clasificar
chart-source = Fuente: { $source }. Cifras del { $date }.
source-reference = Our World in Data, ONU, Banco Mundial y las dosis entregadas por la plataforma
source-ledger = el registro de Equidose
chart-numbers = Las cifras del gráfico
chart-csv = Descargar las cifras (CSV)
unit-per-100 = Dosis por cada 100 personas
unit-doses = Dosis
axis-date = Día
# Error pages: a title per status, and the way back.
error-400 = No se pudo leer la solicitud
error-401 = Debe iniciar sesión
error-403 = No permitido
error-404 = No encontrado
error-405 = Método no permitido
error-408 = La solicitud tardó demasiado en llegar
error-409 = Conflicto con el estado actual
error-413 = La solicitud es demasiado grande
error-415 = Tipo de contenido no admitido
error-422 = Datos no válidos
error-429 = Demasiadas solicitudes
error-500 = Se produjo un error en el servidor
error-503 = Servicio no disponible; inténtelo de nuevo en un momento
error-other = La solicitud falló
error-back = Volver al panel
countries-count = { PLURAL($n) ->
    [one] { $shown } país
   *[other] { $shown } países
}
pledge-state-open = Abierto
pledge-state-withdrawn = Retirado
pledge-state-fulfilled = Cumplido
round-state-draft = Borrador
round-state-published = Publicada
round-state-closed = Cerrada
