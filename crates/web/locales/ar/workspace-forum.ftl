# جولات المنظمات واجتماعاتها، وتعهدات الجميع ورسائلهم، والأطراف والمستخدمون الذين يديرهم المشرفون.
ws-rounds-open = فتح الجولة
ws-rounds-open-legend = فتح جولة
ws-rounds-date = تاريخ الجولة
ws-rounds-target = الهدف، جرعات لكل 100 شخص
ws-rounds-target-hint = اختياري؛ الهدف الافتراضي لكل طلب لم يُحدَّد له هدف.
ws-rounds-lots = التشغيلات المجمّعة
ws-rounds-lots-hint = جرعاتك المتاحة وجرعات الجهات المانحة التي لديها تعهدات مفتوحة لصالحك.
ws-rounds-requests = الطلبات المشمولة
ws-rounds-lot-option = التشغيلة { $lot } ({ $product }) لدى { $holder }: { $doses } جرعة، تنتهي صلاحيتها في { $expiry }
ws-rounds-request-option = الطلب { $id }: { $country }، { $doses } جرعة بحلول { $date }
ws-rounds-round-option = الجولة { $id } بتاريخ { $date } ({ $state })
ws-rounds-round = الجولة { $id }
ws-rounds-next = فتح الجولة التالية
ws-rounds-next-legend = بدء الجولة التالية بما تبقّى
ws-rounds-after = تلي
ws-rounds-yours = جولاتك
ws-rounds-col-round = الجولة
ws-rounds-col-date = التاريخ
ws-rounds-col-pooled = الجرعات المجمّعة
ws-rounds-col-requests = الطلبات
ws-rounds-col-answered = الحصص التي رُدّ عليها
ws-rounds-col-lot = التشغيلة
ws-rounds-col-holder = الحائز
ws-rounds-col-doses = الجرعات
ws-rounds-col-expiry = انتهاء الصلاحية
ws-rounds-col-request = الطلب
ws-rounds-col-needed-by = الموعد النهائي
ws-rounds-none = ليست لديك أي جولة بعد.
ws-rounds-no-lots = لم تُجمَّع أي تشغيلة.
ws-rounds-no-requests = لا يوجد أي طلب مشمول.
ws-rounds-no-shares = لا يخصص الاقتراح أي جرعات.
ws-rounds-pool = ما تجمّعه الجولة
ws-rounds-proposed-by = مقدِّم الاقتراح
ws-rounds-change = حفظ التغييرات
ws-rounds-change-legend = تعديل المسودة
ws-rounds-compute = حساب الاقتراح
ws-rounds-publish = نشر الجولة
ws-rounds-close = إغلاق الجولة
ws-rounds-not-computed = لم يُحسب الاقتراح بعد.
ws-rounds-public-page = الصفحة العامة للجولة
ws-rounds-proposal-summary = { PLURAL($n) ->
    [zero] لا جرعات مخصصة لأي بلد؛ تبقى { $left } جرعة غير مخصصة.
    [one] { $doses } جرعة لبلد واحد؛ تبقى { $left } جرعة غير مخصصة.
    [two] { $doses } جرعة لبلدين؛ تبقى { $left } جرعة غير مخصصة.
    [few] { $doses } جرعة لـ { $n } بلدان؛ تبقى { $left } جرعة غير مخصصة.
    [many] { $doses } جرعة لـ { $n } بلدًا؛ تبقى { $left } جرعة غير مخصصة.
   *[other] { $doses } جرعة لـ { $n } بلد؛ تبقى { $left } جرعة غير مخصصة.
}
ws-rounds-error-target = أدخل عدد الجرعات لكل 100 شخص، مثل 20 أو 12.5.
ws-rounds-waiting-compute = الجولة { $id } مسودة تنتظر الحساب.
ws-rounds-waiting-publish = الجولة { $id } محسوبة وتنتظر النشر.
ws-rounds-waiting-answers = { PLURAL($n) ->
    [zero] الجولة { $id }: لا حصص تنتظر رد بلدانها.
    [one] الجولة { $id }: حصة واحدة تنتظر رد بلدها.
    [two] الجولة { $id }: حصتان تنتظران رد بلديهما.
    [few] الجولة { $id }: { $n } حصص تنتظر رد بلدانها.
    [many] الجولة { $id }: { $n } حصة تنتظر رد بلدانها.
   *[other] الجولة { $id }: { $n } حصة تنتظر رد بلدانها.
}
ws-done-round-opened = فُتحت الجولة بوصفها مسودة.
ws-done-round-changed = عُدّلت المسودة؛ احسبها مرة أخرى.
ws-done-round-computed = حُسب الاقتراح.
ws-done-round-published = نُشرت الجولة، وأُخطرت البلدان.
ws-done-round-closed = أُغلقت الجولة.
ws-threads-yours = محادثاتك
ws-threads-col-subject = الموضوع
ws-threads-col-parties = الأطراف
ws-threads-col-unread = غير المقروءة
ws-threads-col-last = آخر رسالة
ws-threads-none = لا توجد محادثات بعد.
ws-threads-open = إرسال
ws-threads-open-legend = بدء محادثة
ws-threads-subject = الموضوع
ws-threads-parties = مع
ws-threads-parties-hint = رموز الأطراف مفصولة بفواصل: الأحرف الثلاثة للبلد (ETH)، أو رمز المنظمة أو الجهة المصنّعة (covax).
ws-threads-body = الرسالة
ws-threads-about = بشأن
ws-threads-about-link = ما تتناوله هذه المحادثة
ws-threads-messages = الرسائل
ws-threads-col-from = من
ws-threads-col-message = الرسالة
ws-threads-no-messages = لا توجد رسائل بعد.
ws-threads-send = إرسال الرسالة
ws-done-thread-opened = فُتحت المحادثة، وأُخطرت الأطراف الأخرى.
ws-done-message-sent = أُرسلت الرسالة.
ws-pledges-col-pledge = التعهد
ws-pledges-col-to = إلى
ws-pledges-col-donor = الجهة المانحة
ws-pledges-col-by = الموعد النهائي
ws-pledges-made = التعهدات التي قدمتها
ws-pledges-received = التعهدات المقدمة إليك
ws-pledges-none-made = لم تقدّم أي تعهد.
ws-pledges-none-received = لم يُقدَّم إليك أي تعهد.
ws-pledges-withdraw = سحب
ws-pledges-make = تقديم التعهد
ws-pledges-make-legend = التعهد بجرعات
ws-pledges-doses = الجرعات
ws-pledges-by = التسليم بحلول
ws-pledges-to = إلى
ws-pledges-note = ملاحظة
ws-done-pledge-made = سُجّل التعهد.
ws-done-pledge-withdrawn = سُحب التعهد.
ws-admin-create-party = إنشاء طرف
ws-admin-code = الرمز
ws-admin-code-hint = الأحرف الثلاثة للبلد (ETH)، أو اسم قصير بأحرف لاتينية صغيرة (serum-institute).
ws-admin-name = الاسم
ws-admin-create-user = إنشاء مستخدم
ws-admin-first-password = كلمة المرور الأولى
ws-admin-password-hint = 8 أحرف على الأقل؛ أبلغ المستخدم بها عبر قناة أخرى.
ws-admin-enable = تفعيل
ws-admin-disable = تعطيل
ws-admin-active = نشط
ws-admin-disabled = معطَّل
ws-done-party-created = أُنشئ الطرف.
ws-done-user-created = أُنشئ المستخدم.
ws-done-user-disabled = عُطِّل المستخدم: لم تعد جلساته ورموزه المميزة صالحة.
ws-done-user-enabled = أُعيد تفعيل المستخدم.
ws-meetings-col-title = الاجتماع
ws-meetings-col-outcomes = الالتزامات
ws-meetings-none = لم يُسجَّل أي اجتماع بعد.
ws-meetings-record = تسجيل اجتماع
ws-meetings-title = العنوان
ws-meetings-parties = الأطراف الحاضرة
ws-meetings-kind = نوع الالتزام
ws-meetings-kind-pledge = تعهد
ws-meetings-kind-offer = عرض
ws-meetings-kind-agreement = اتفاق
ws-meetings-kind-partnership = شراكة
ws-meetings-id = الرقم
ws-meetings-no-outcomes = لم يُربط أي التزام بعد.
ws-meetings-link = ربط التزام أُعلن في هذا الاجتماع
ws-meetings-public-page = الصفحة العامة للاجتماع
ws-meetings-heading = الاجتماع: { $title }
ws-done-meeting-recorded = سُجّل الاجتماع.
ws-done-outcome-linked = رُبط الالتزام بالاجتماع.
