# Рабочие пространства после входа: вход, каркас страниц, формы и их ошибки.
ws-sign-in = Вход
ws-sign-in-lead = Здесь входят в систему представители стран, производителей и организаций, чтобы отвечать на раунды, подтверждать отгрузки, регистрировать серии и общаться с другими сторонами.
ws-field-email = Электронная почта
ws-field-password = Пароль
ws-sign-out = Выйти
ws-signed-in-as = { $email } ({ $party }, { $role })
ws-nav-label = Рабочее пространство
ws-home = Ваше рабочее пространство
ws-nav-home = Главная
ws-nav-requests = Запросы
ws-nav-shares = Доли в раундах
ws-nav-shipments = Отгрузки
ws-nav-stock = Запасы
ws-nav-administration = Введение доз
ws-nav-products = Препараты
ws-nav-lots = Серии
ws-nav-capacity = Мощности
ws-nav-offers = Предложения
ws-nav-partnerships = Партнёрства
ws-nav-rounds = Раунды
ws-nav-meetings = Встречи
ws-nav-pledges = Обязательства
ws-nav-threads = Сообщения
ws-nav-notifications = Уведомления
ws-nav-parties = Стороны
ws-nav-users = Пользователи
ws-unread = { PLURAL($n) ->
    [one] { $n } непрочитанное
    [few] { $n } непрочитанных
    [many] { $n } непрочитанных
   *[other] { $n } непрочитанных
}
ws-role-official = представитель
ws-role-viewer = наблюдатель
ws-role-admin = администратор
ws-kind-country = Страна
ws-kind-manufacturer = Производитель
ws-kind-organization = Организация
ws-party = Сторона
ws-party-kind = Тип стороны
ws-role = Роль
ws-waiting = Что ждёт вашего внимания
ws-waiting-messages = { PLURAL($n) ->
    [one] { $n } непрочитанное сообщение
    [few] { $n } непрочитанных сообщения
    [many] { $n } непрочитанных сообщений
   *[other] { $n } непрочитанных сообщений
}
ws-waiting-notifications = { PLURAL($n) ->
    [one] { $n } непрочитанное уведомление
    [few] { $n } непрочитанных уведомления
    [many] { $n } непрочитанных уведомлений
   *[other] { $n } непрочитанных уведомлений
}
ws-nothing-waiting = Сейчас ничего не ждёт вашего внимания.
ws-your-pages = Ваши страницы
ws-mark-all-read = Отметить все как прочитанные
ws-read = Прочитано
ws-unread-state = Не прочитано
ws-col-event = Событие
ws-col-summary = Суть
ws-col-when = Когда
ws-col-state = Состояние
ws-col-actions = Действия
ws-no-notifications = Уведомлений пока нет.
ws-done-read = Отмечено как прочитанное.
ws-error-required = Заполните это поле.
ws-error-positive = Введите целое число не меньше 1.
ws-error-count = Введите целое число не меньше 0.
ws-error-day = Введите дату в формате 2021-08-04.
ws-error-choice = Выберите один из предложенных вариантов.
ws-error-denied = Ваша роль не позволяет это сделать.
ws-error-not-found = Этого больше не существует, или у вас нет права это видеть.
ws-error-signed-out = Ваш сеанс завершён; войдите снова.
ws-error-internal = Платформа не смогла сейчас это выполнить; повторите попытку чуть позже.
ws-error-credentials = Неверный адрес электронной почты или пароль, либо пользователь отключён.
ws-error-credentials-missing = Введите адрес электронной почты и пароль.
ws-error-throttled = Слишком много неудачных попыток входа: подождите немного, прежде чем пробовать снова.
ws-rule-form-sent-with-other-values = Эта форма уже была отправлена с другими значениями; откройте страницу заново.
ws-rule-request-in-flight = Эта форма ещё обрабатывается; подождите немного.
ws-event-round-published = Опубликован раунд
ws-event-round-response = Страна ответила по своей доле
ws-event-round-closed = Раунд закрыт
ws-event-shipment-dispatched = Отгрузка отправлена
ws-event-shipment-delivered = Отгрузка доставлена
ws-event-expiry-proposed = Предложены дозы под угрозой истечения срока годности
ws-event-message-created = Новое сообщение
ws-event-offer-created = Новое предложение
ws-event-agreement-signed = Подписано соглашение
ws-event-partnership-stage = Партнёрство перешло на следующий этап
ws-error-conflict = Это тем временем изменилось: текущее состояние больше не допускает это действие. Страница показывает его таким, какое оно сейчас.
ws-error-check-form = Некоторые поля требуют вашего внимания.
