# مصطلحات مشتركة: التخطيط والرسوم البيانية وفئات الدخل والحالات.
site-name = Equidose
site-tagline = برمجيات مفتوحة للتعاون الدولي في مجال اللقاحات.
skip-to-content = انتقل إلى المحتوى
nav-label = القائمة الرئيسية
nav-dashboard = لوحة المعلومات
nav-countries = البلدان
nav-pledges = التعهدات
nav-simulate = المحاكاة
nav-workspace = مساحة العمل
language-label = اللغة
footer-data = البيانات المرجعية: Our World in Data (CC BY 4.0)، التوقعات السكانية العالمية للأمم المتحدة 2019، فئات الدخل للبنك الدولي 2022.
footer-api = الأرقام نفسها في واجهة البرمجة
percent = { $value }٪
group-low = دخل منخفض
group-lower-middle = دخل متوسط أدنى
group-upper-middle = دخل متوسط أعلى
group-high = دخل مرتفع
group-world = العالم
group-none = غير مصنف
chart-source = المصدر: { $source }. أرقام { $date }.
source-reference = Our World in Data والأمم المتحدة والبنك الدولي والجرعات التي سلمتها المنصة
source-ledger = سجل Equidose
chart-numbers = الأرقام وراء الرسم البياني
chart-csv = تنزيل الأرقام (CSV)
unit-per-100 = جرعات لكل 100 شخص
unit-doses = الجرعات
axis-date = اليوم
# Error pages: a title per status, and the way back.
error-400 = تعذّرت قراءة الطلب
error-401 = يلزم تسجيل الدخول
error-403 = غير مسموح
error-404 = غير موجود
error-405 = الطريقة غير مسموح بها
error-408 = استغرق وصول الطلب وقتًا طويلًا
error-409 = تعارض مع الحالة الحالية
error-413 = الطلب كبير جدًا
error-415 = نوع محتوى غير مدعوم
error-422 = مدخلات غير صالحة
error-429 = طلبات كثيرة جدًا
error-500 = حدث خطأ في الخادم
error-503 = الخدمة غير متاحة؛ حاول مرة أخرى بعد قليل
error-other = تعذّر تنفيذ الطلب
error-back = العودة إلى لوحة المعلومات
countries-count = { PLURAL($n) ->
    [zero] { $shown } بلد
    [one] بلد واحد
    [two] بلدان
    [few] { $shown } بلدان
    [many] { $shown } بلدًا
   *[other] { $shown } بلد
}
pledge-state-open = مفتوح
pledge-state-withdrawn = مسحوب
pledge-state-fulfilled = منجز
round-state-draft = مسودة
round-state-published = منشورة
round-state-closed = مغلقة
