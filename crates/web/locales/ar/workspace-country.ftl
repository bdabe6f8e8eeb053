# مسار الجرعات في مساحات العمل: طلبات البلد وحصصه في الجولات وتقارير إعطاء الجرعات، وشحنات كل حائز ومخزونه.
ws-country-expiry = { $date } ({ PLURAL($n) ->
    [zero] تنتهي اليوم
    [one] بعد يوم واحد
    [two] بعد يومين
    [few] بعد { $n } أيام
    [many] بعد { $n } يومًا
   *[other] بعد { $n } يوم
})
ws-country-expired = { $date } (منتهية الصلاحية)
ws-country-viewer-reads = أنت تقرأ هذه الصفحة بصفة مراقب: لا يتصرف هنا إلا مسؤولو الطرف.
ws-country-rule-invalid-state = تغيّر هذا في الأثناء: تعرض الصفحة الآن حالته الراهنة.
ws-country-rule-already-answered = سبق أن ردّ بلدك على هذه الحصة: ردّ واحد لكل حصة.
ws-country-rule-insufficient-balance = عدد جرعات يفوق ما لدى بلدك من جرعات متاحة في هذه التشغيلة.
ws-country-rule-lot-expired = انتهت صلاحية هذه التشغيلة: لم يعد من الممكن نقل جرعاتها.
ws-country-waiting-share = الجولة { $id } لـ { $organization }: حصتك البالغة { $doses } جرعة تنتظر ردّك
ws-country-waiting-dispatch = { PLURAL($n) ->
    [zero] لا شحنات بانتظار الإرسال
    [one] شحنة واحدة بانتظار الإرسال
    [two] شحنتان بانتظار الإرسال
    [few] { $n } شحنات بانتظار الإرسال
    [many] { $n } شحنة بانتظار الإرسال
   *[other] { $n } شحنة بانتظار الإرسال
}
ws-country-waiting-confirm = { PLURAL($n) ->
    [zero] لا شحنات في الطريق بانتظار تأكيد الوصول
    [one] شحنة واحدة في الطريق بانتظار تأكيد وصولها
    [two] شحنتان في الطريق بانتظار تأكيد وصولهما
    [few] { $n } شحنات في الطريق بانتظار تأكيد وصولها
    [many] { $n } شحنة في الطريق بانتظار تأكيد وصولها
   *[other] { $n } شحنة في الطريق بانتظار تأكيد وصولها
}
ws-country-waiting-risk = { PLURAL($n) ->
    [zero] لا تشغيلات فيها جرعات معرّضة لانتهاء الصلاحية
    [one] تشغيلة واحدة فيها { $doses } جرعة معرّضة لانتهاء صلاحيتها دون استخدام
    [two] تشغيلتان فيهما { $doses } جرعة معرّضة لانتهاء صلاحيتها دون استخدام
    [few] { $n } تشغيلات فيها { $doses } جرعة معرّضة لانتهاء صلاحيتها دون استخدام
    [many] { $n } تشغيلة فيها { $doses } جرعة معرّضة لانتهاء صلاحيتها دون استخدام
   *[other] { $n } تشغيلة فيها { $doses } جرعة معرّضة لانتهاء صلاحيتها دون استخدام
}
ws-country-col-lot = التشغيلة
ws-country-col-doses = الجرعات
ws-country-col-expiry = تنتهي صلاحيتها في
ws-country-col-note = ملاحظة
# الطلبات.
ws-country-requests-lead = اطلب جرعات من المنظمات: تخدم الجولات الطلبات المفتوحة، ثم تنتظر حصة بلدك ردّك.
ws-country-requests-yours = طلباتك
ws-country-requests-none = ليس لبلدك أي طلب بعد.
ws-country-request = الطلب { $id }
ws-country-withdraw = سحب
ws-country-any-product = أي منتج
ws-country-col-request = الطلب
ws-country-col-asked = الجرعات المطلوبة
ws-country-col-allocated = المخصصة
ws-country-col-delivered = المسلَّمة
ws-country-col-needed-by = مطلوبة قبل
ws-country-col-shelf-life = الصلاحية المتبقية عند الوصول، بالأيام
ws-country-col-absorption = جرعات في اليوم
ws-country-col-products = المنتجات
ws-country-request-legend = طلب جرعات
ws-country-request-create = إرسال الطلب
ws-country-field-doses = الجرعات
ws-country-field-doses-hint = عدد الجرعات التي يطلبها بلدك.
ws-country-field-needed-by = مطلوبة قبل
ws-country-field-products = المنتجات المرخّصة في بلدك
ws-country-field-products-hint = اترك الكل دون تحديد لقبول أي منتج.
ws-country-field-shelf-life = الصلاحية المتبقية عند الوصول، بالأيام
ws-country-field-shelf-life-hint = اختياري؛ لا تُخصَّص لك التشغيلات التي تنتهي صلاحيتها قبل ذلك.
ws-country-field-absorption = الجرعات التي يستطيع بلدك إعطاءها في اليوم
ws-country-field-absorption-hint = اختياري؛ إن لم يُذكر يُستخدم معدلك الأخير.
ws-country-field-lead-time = مهلة التوريد، بالأيام
ws-country-field-lead-time-hint = اختياري؛ عدد الأيام بين الجولة ووصول الجرعات.
ws-country-field-target = الهدف، جرعات لكل 100 شخص
ws-country-field-target-hint = اختياري؛ مثلًا 40 أو 52.5.
ws-country-field-note = ملاحظة للمنظمات
ws-country-error-past = مضى هذا اليوم: أدخل يومًا ابتداءً من اليوم.
ws-country-error-target = أدخل عددًا أكبر من 0 ولا يتجاوز 1000، مثل 40 أو 52.5.
ws-done-country-request-created = أُرسل طلبك؛ يمكن للمنظمات أن تخدمه في جولتها القادمة.
ws-done-country-request-withdrawn = سُحب الطلب.
# الحصص في الجولات.
ws-country-shares-lead = عندما تنشر منظمة جولة، تنتظر حصة بلدك فيها ردّك هنا. القبول يخطط الشحنات؛ والرفض يعيد الجرعات إلى المجمّع المشترك لبلدان أخرى.
ws-country-shares-awaiting = بانتظار ردّك
ws-country-shares-none-awaiting = لا توجد حصة بانتظار ردّك.
ws-country-shares-answered = الحصص التي رددت عليها
ws-country-shares-none-answered = لم تردّ على أي حصة بعد.
ws-country-share-heading = الجولة { $id } لـ { $organization }، { $date }
ws-country-share-doses = الجرعات المعروضة على بلدك
ws-country-share-coverage = الجرعات لكل 100 شخص
ws-country-share-coverage-value = { $from } قبل، { $to } بعد
ws-country-share-request = الطلب الذي تخدمه
ws-country-share-request-value = الطلب { $id }: { $doses } جرعة مطلوبة قبل { $date }
ws-country-share-lots = تشغيلات حصتك في الجولة { $id }
ws-country-share-no-lots = لا تشغيلات: لا جرعات في هذه الحصة.
ws-country-col-holder = يحوزها
ws-country-below-shelf-life = صلاحية أقصر مما يطلبه طلبك
ws-country-col-round = الجولة
ws-country-round = الجولة { $id } لـ { $organization }
ws-country-accept-legend = قبول الحصة
ws-country-accept = قبول
ws-country-decline-legend = أو رفضها مع ذكر السبب
ws-country-decline = رفض
ws-country-field-reason = السبب
ws-country-choose-reason = اختر سببًا
ws-country-field-answer-note = ملاحظة
ws-country-field-answer-note-hint = إلزامية مع «سبب آخر».
ws-country-error-note-other = اذكر ما هو السبب الآخر.
ws-done-country-share-accepted = قُبلت الحصة: خُطّطت شحناتها.
ws-done-country-share-declined = رُفضت الحصة: تعود جرعاتها إلى المجمّع المشترك.
# الشحنات.
ws-country-shipments-lead = الشحنات التي يرسلها طرفك ويستلمها. يرسل الحائز الشحنة المخطط لها (أو يلغيها)؛ ويؤكد المستلم الشحنة التي في الطريق عند وصولها.
ws-country-shipments-incoming = شحنات قادمة إليك
ws-country-shipments-outgoing = شحنات مرسلة منك
ws-country-shipments-none-incoming = لا توجد شحنة قادمة إلى طرفك.
ws-country-shipments-none-outgoing = لا يرسل طرفك أي شحنة.
ws-country-shipments-incoming-caption = الشحنات القادمة إلى طرفك، الأحدث أولًا
ws-country-shipments-outgoing-caption = الشحنات التي يرسلها طرفك، الأحدث أولًا
ws-country-shipment = الشحنة { $id }
ws-country-col-shipment = الشحنة
ws-country-col-from = من
ws-country-col-to = إلى
ws-country-col-linked = لأجل
ws-country-col-updated = آخر تغيير
ws-country-shipment-planned = مخطط لها
ws-country-shipment-in-transit = في الطريق
ws-country-shipment-delivered = مسلَّمة
ws-country-shipment-cancelled = ملغاة
ws-country-shipment-dispatch = إرسال
ws-country-shipment-confirm = تأكيد الاستلام
ws-country-shipment-cancel = إلغاء
ws-country-link-round = الجولة { $id }
ws-country-link-request = الطلب { $id }
ws-country-link-pledge = التعهد { $id }
ws-country-link-agreement = الاتفاق { $id }
ws-done-country-shipment-dispatched = أُرسلت الشحنة: جرعاتها في الطريق.
ws-done-country-shipment-confirmed = تأكد الاستلام: الجرعات في مخزونك.
ws-done-country-shipment-cancelled = أُلغيت الشحنة: جرعاتها متاحة من جديد.
# المخزون.
ws-country-stock-lead = جرعات طرفك حسب التشغيلة، الأقرب انتهاءً أولًا.
ws-country-stock-by-lot = الجرعات حسب التشغيلة
ws-country-stock-none = لا يحوز طرفك أي جرعات.
ws-country-col-available = متاحة
ws-country-col-reserved = محجوزة
ws-country-col-in-transit = في الطريق إليك
ws-country-col-administered = مُعطاة
ws-country-col-at-risk = معرّضة للخطر
ws-country-at-risk = جرعات معرّضة لانتهاء الصلاحية
ws-country-at-risk-none = لا توجد جرعة معرّضة لانتهاء صلاحيتها دون استخدام.
ws-country-at-risk-lead = بمعدلك البالغ { $value } جرعة في اليوم، ومع استخدام الأقرب انتهاءً أولًا، ستنتهي صلاحية هذه الجرعات دون استخدام. اعرضها على منظمة: تجمعها في جولة لبلدان تستطيع استخدامها في الوقت المناسب.
ws-country-propose-legend = التشغيلة { $value }: { $doses } جرعة معرّضة للخطر، تنتهي صلاحيتها في { $date }
ws-country-propose = اقتراح لإعادة التوزيع
ws-country-field-doses-proposed = الجرعات المقترحة
ws-country-field-doses-proposed-hint = لديك { $doses } جرعة متاحة من هذه التشغيلة.
ws-country-field-organization = المنظمة
ws-country-choose-organization = اختر منظمة
ws-country-error-more-than-available = عدد جرعات يفوق ما لديك من جرعات متاحة في هذه التشغيلة.
ws-country-proposals = مقترحاتك لإعادة التوزيع
ws-country-already-proposed = سبق اقتراح { $doses } جرعة منها في جولات لم تُنشر بعد.
ws-done-country-proposed = اقتُرحت الجرعات: لدى المنظمة مسودة جولة تتضمنها.
# إعطاء الجرعات.
ws-country-administration-lead = أبلغ عن الجرعات التي أعطاها بلدك من كل تشغيلة. تحدد تقاريرك معدل استخدامك، الذي تُحسب على أساسه الجرعات المعرّضة للخطر.
ws-country-administered-recently = { PLURAL($n) ->
    [zero] الجرعات المُعطاة اليوم
    [one] الجرعات المُعطاة في اليوم الأخير
    [two] الجرعات المُعطاة في اليومين الأخيرين
    [few] الجرعات المُعطاة في آخر { $n } أيام
    [many] الجرعات المُعطاة في آخر { $n } يومًا
   *[other] الجرعات المُعطاة في آخر { $n } يوم
}
ws-country-administer-legend = الإبلاغ عن جرعات مُعطاة
ws-country-administer = إبلاغ
ws-country-field-lot = التشغيلة
ws-country-choose-lot = اختر تشغيلة
ws-country-lot-option = { $value }: { $doses } متاحة، تنتهي صلاحيتها في { $date }
ws-country-field-doses-administered = الجرعات المُعطاة
ws-country-field-report-note = ملاحظة
ws-country-field-report-note-hint = اختياري؛ مثلًا الحملة أو المنطقة.
ws-country-nothing-to-administer = ليس لدى بلدك جرعات متاحة للإبلاغ عنها.
ws-country-reports = تقاريرك عن إعطاء الجرعات
ws-country-reports-none = لا تقارير بعد.
ws-done-country-administered = سُجّل التقرير.
