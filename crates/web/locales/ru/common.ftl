# Общие термины: оформление, графики, группы доходов, состояния.
site-name = Equidose
site-tagline = Открытое программное обеспечение для международного сотрудничества в области вакцин.
skip-to-content = Перейти к содержанию
nav-label = Основное меню
nav-dashboard = Обзор
nav-countries = Страны
nav-pledges = Обязательства
nav-simulate = Моделирование
nav-workspace = Рабочее пространство
language-label = Язык
footer-data = Справочные данные: Our World in Data (CC BY 4.0), Мировые демографические перспективы ООН 2019, группы доходов Всемирного банка 2022.
footer-api = Те же цифры в API
percent = { $value } %
group-low = Низкий доход
group-lower-middle = Доход ниже среднего
group-upper-middle = Доход выше среднего
group-high = Высокий доход
group-world = Мир
group-none = Без категории
chart-source = Источник: { $source }; данные на { $date }
source-reference = Our World in Data, ООН, Всемирный банк и дозы, доставленные через платформу
source-ledger = реестр Equidose
chart-numbers = Цифры графика
chart-csv = Скачать цифры (CSV)
unit-per-100 = Доз на 100 человек
unit-doses = Дозы
axis-date = День
# Error pages: a title per status, and the way back.
error-400 = Не удалось прочитать запрос
error-401 = Требуется вход
error-403 = Доступ запрещён
error-404 = Не найдено
error-405 = Метод не поддерживается
error-408 = Запрос передавался слишком долго
error-409 = Конфликт с текущим состоянием
error-413 = Запрос слишком велик
error-415 = Неподдерживаемый тип содержимого
error-422 = Неверные данные
error-429 = Слишком много запросов
error-500 = На сервере произошла ошибка
error-503 = Сервис недоступен; повторите попытку чуть позже
error-other = Запрос не выполнен
error-back = Вернуться к обзору
countries-count = { PLURAL($n) ->
    [one] { $shown } страна
    [few] { $shown } страны
    [many] { $shown } стран
   *[other] { $shown } страны
}
pledge-state-open = Открыто
pledge-state-withdrawn = Отозвано
pledge-state-fulfilled = Выполнено
round-state-draft = Черновик
round-state-published = Опубликован
round-state-closed = Закрыт
