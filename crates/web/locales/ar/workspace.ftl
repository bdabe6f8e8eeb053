# مساحات العمل بعد تسجيل الدخول: تسجيل الدخول والإطار والنماذج وأخطاؤها.
ws-sign-in = تسجيل الدخول
ws-sign-in-lead = يسجّل مسؤولو البلدان والجهات المصنّعة والمنظمات الدخول هنا للرد على الجولات وتأكيد الشحنات وتسجيل التشغيلات والتواصل مع الأطراف الأخرى.
ws-field-email = البريد الإلكتروني
ws-field-password = كلمة المرور
ws-sign-out = تسجيل الخروج
ws-signed-in-as = { $email } ({ $party }، { $role })
ws-nav-label = مساحة العمل
ws-home = مساحة عملك
ws-nav-home = الرئيسية
ws-nav-requests = الطلبات
ws-nav-shares = الحصص في الجولات
ws-nav-shipments = الشحنات
ws-nav-stock = المخزون
ws-nav-administration = إعطاء الجرعات
ws-nav-products = المنتجات
ws-nav-lots = التشغيلات
ws-nav-capacity = القدرة الإنتاجية
ws-nav-offers = العروض
ws-nav-partnerships = الشراكات
ws-nav-rounds = الجولات
ws-nav-meetings = الاجتماعات
ws-nav-pledges = التعهدات
ws-nav-threads = الرسائل
ws-nav-notifications = الإشعارات
ws-nav-parties = الأطراف
ws-nav-users = المستخدمون
ws-unread = { PLURAL($n) ->
    [zero] غير المقروءة: { $n }
    [one] غير المقروءة: { $n }
    [two] غير المقروءة: { $n }
    [few] غير المقروءة: { $n }
    [many] غير المقروءة: { $n }
   *[other] غير المقروءة: { $n }
}
ws-role-official = مسؤول
ws-role-viewer = مراقب
ws-role-admin = مشرف
ws-kind-country = بلد
ws-kind-manufacturer = جهة مصنّعة
ws-kind-organization = منظمة
ws-party = الطرف
ws-party-kind = نوع الطرف
ws-role = الدور
ws-waiting = ما ينتظرك
ws-waiting-messages = { PLURAL($n) ->
    [zero] لا رسائل غير مقروءة
    [one] رسالة واحدة غير مقروءة
    [two] رسالتان غير مقروءتين
    [few] { $n } رسائل غير مقروءة
    [many] { $n } رسالة غير مقروءة
   *[other] { $n } رسالة غير مقروءة
}
ws-waiting-notifications = { PLURAL($n) ->
    [zero] لا إشعارات غير مقروءة
    [one] إشعار واحد غير مقروء
    [two] إشعاران غير مقروءين
    [few] { $n } إشعارات غير مقروءة
    [many] { $n } إشعارًا غير مقروء
   *[other] { $n } إشعار غير مقروء
}
ws-nothing-waiting = لا شيء ينتظرك الآن.
ws-your-pages = صفحاتك
ws-mark-all-read = تعليم الكل كمقروء
ws-read = مقروء
ws-unread-state = غير مقروء
ws-col-event = الحدث
ws-col-summary = التفاصيل
ws-col-when = الوقت
ws-col-state = الحالة
ws-col-actions = الإجراءات
ws-no-notifications = لا توجد إشعارات بعد.
ws-done-read = عُلِّمت بأنها مقروءة.
ws-error-required = املأ هذا الحقل.
ws-error-positive = أدخل عددًا صحيحًا لا يقل عن 1.
ws-error-count = أدخل عددًا صحيحًا لا يقل عن 0.
ws-error-day = أدخل تاريخًا بالصيغة 2021-08-04.
ws-error-choice = اختر أحد الخيارات المعروضة.
ws-error-denied = لا يسمح لك دورك بهذا الإجراء.
ws-error-not-found = لم يعد هذا موجودًا، أو ليس من صلاحيتك الاطلاع عليه.
ws-error-signed-out = انتهت جلستك؛ سجّل الدخول مرة أخرى.
ws-error-internal = تعذّر على المنصة تنفيذ ذلك الآن؛ حاول مرة أخرى بعد قليل.
ws-error-credentials = البريد الإلكتروني أو كلمة المرور غير صحيحين، أو أن المستخدم معطَّل.
ws-error-credentials-missing = أدخل بريدك الإلكتروني وكلمة المرور.
ws-error-throttled = محاولات تسجيل دخول فاشلة كثيرة جدًا: انتظر قليلًا قبل المحاولة مرة أخرى.
ws-rule-form-sent-with-other-values = سبق إرسال هذا النموذج بقيم أخرى؛ افتح الصفحة من جديد.
ws-rule-request-in-flight = لا يزال هذا النموذج قيد المعالجة؛ انتظر قليلًا.
ws-event-round-published = نُشرت جولة
ws-event-round-response = ردّ بلد على حصته
ws-event-round-closed = أُغلقت جولة
ws-event-shipment-dispatched = أُرسلت شحنة
ws-event-shipment-delivered = سُلِّمت شحنة
ws-event-expiry-proposed = اقتُرحت جرعات معرضة لانتهاء الصلاحية
ws-event-message-created = رسالة جديدة
ws-event-offer-created = عرض جديد
ws-event-agreement-signed = وُقِّع اتفاق
ws-event-partnership-stage = انتقلت شراكة إلى مرحلتها التالية
ws-error-conflict = تغيّر هذا في الأثناء: لم يعد في حالة تسمح بهذا الإجراء. تعرضه الصفحة كما هو الآن.
ws-error-check-form = بعض الحقول تحتاج إلى مراجعتك.
