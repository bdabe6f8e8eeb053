# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = اختر…
ws-maker-doses = { PLURAL($n) ->
    [zero] { $doses } جرعة
    [one] جرعة واحدة
    [two] جرعتان
    [few] { $doses } جرعات
    [many] { $doses } جرعةً
   *[other] { $doses } جرعة
}
ws-maker-days = { PLURAL($n) ->
    [zero] { $days } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $days } أيام
    [many] { $days } يومًا
   *[other] { $days } يوم
}
ws-maker-window = من { $from } إلى { $to }

## Columns
ws-maker-col-product = المنتج
ws-maker-col-name = الاسم
ws-maker-col-doses-per-course = الجرعات في الدورة
ws-maker-col-storage = التخزين
ws-maker-col-shelf-life = مدة الصلاحية
ws-maker-col-gtin = GTIN
ws-maker-col-lot = رقم التشغيلة
ws-maker-col-serial = الرقم التسلسلي
ws-maker-col-expiry = تاريخ انتهاء الصلاحية
ws-maker-col-doses-released = الجرعات المُفرج عنها
ws-maker-col-doses-available = المتاح لديكم
ws-maker-col-month = الشهر
ws-maker-col-doses = الجرعات
ws-maker-col-stated = تاريخ الإعلان
ws-maker-col-offer = العرض
ws-maker-col-manufacturer = الجهة المصنّعة
ws-maker-col-doses-offered = الجرعات المعروضة
ws-maker-col-doses-left = الجرعات المتبقية
ws-maker-col-window = فترة التوفر
ws-maker-col-price = سعر الجرعة
ws-maker-col-to = الموجَّه إليه
ws-maker-col-agreement = الاتفاق
ws-maker-col-supplier = المورِّد
ws-maker-col-recipient = المتلقّي
ws-maker-col-doses-delivered = الجرعات المسلَّمة
ws-maker-col-with = الطرف الآخر
ws-maker-col-partnership = الشراكة
ws-maker-col-site = الموقع
ws-maker-col-kind = النوع
ws-maker-col-capacity-per-year = الجرعات سنويًا
ws-maker-col-stage = المرحلة

## Names of values
ws-maker-storage-2-8c = مبرَّد، من 2 إلى 8 °م
ws-maker-storage-20c = مجمَّد، −20 °م
ws-maker-storage-70c = مجمَّد بشدة، −70 °م
ws-maker-offer-state-open = مفتوح
ws-maker-offer-state-accepted = أُخذ بالكامل
ws-maker-offer-state-declined = مرفوض
ws-maker-offer-state-withdrawn = مسحوب
ws-maker-agreement-state-proposed = مقترح
ws-maker-agreement-state-signed = موقَّع
ws-maker-agreement-state-cancelled = ملغى
ws-maker-agreement-state-completed = منفَّذ
ws-maker-partnership-kind-fill-finish = التعبئة والتغليف
ws-maker-partnership-kind-technology-transfer = نقل التكنولوجيا
ws-maker-partnership-stage-proposed = مقترحة
ws-maker-partnership-stage-negotiating = قيد التفاوض
ws-maker-partnership-stage-agreed = متفق عليها
ws-maker-partnership-stage-producing = قيد الإنتاج
ws-maker-partnership-stage-abandoned = متروكة
ws-maker-partnership-action-negotiate = بدء التفاوض
ws-maker-partnership-action-agree = الاتفاق
ws-maker-partnership-action-start-production = بدء الإنتاج
ws-maker-partnership-action-abandon = التخلي عنها

## Products
ws-maker-products-lead = اللقاحات التي تصنعها جهتكم. التشغيلة التي تُلصق بصيغة سلسلة GS1 تجد منتجها برقم GTIN المذكور هنا.
ws-maker-products-caption = منتجاتكم
ws-maker-no-products = لا منتجات لجهتكم بعد.
ws-maker-products-read-only = لا يضيف المنتجات إلا مسؤولو الجهة المصنّعة؛ يمكنكم الاطلاع عليها هنا.
ws-maker-product-new = إضافة منتج
ws-maker-product-create = أضف المنتج
ws-maker-field-product-code = رمز المنتج
ws-maker-hint-product-code = حروف لاتينية وأرقام و«-» و«_» و«.»، مثل AZD1222.
ws-maker-field-product-name = الاسم
ws-maker-field-doses-per-course = عدد جرعات الدورة الكاملة
ws-maker-field-storage = التخزين
ws-maker-field-shelf-life-days = مدة الصلاحية بالأيام
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = الرقم تحت الرمز الشريطي على العبوة: 14 رقمًا (تُكمَّل الأرقام ذات 8 أو 12 أو 13 خانة). اختياري.

## Lots
ws-maker-lots-yours = تشغيلاتكم
ws-maker-lots-caption = تشغيلاتكم، الأحدث أولًا
ws-maker-no-lots = لم تسجّل جهتكم أي تشغيلة بعد.
ws-maker-lots-read-only = لا يسجّل التشغيلات إلا مسؤولو الجهة المصنّعة؛ يمكنكم الاطلاع عليها هنا.
ws-maker-lot-new = تسجيل تشغيلة
ws-maker-lot-new-lead = ألصقوا سلسلة GS1 المطبوعة على العبوة، أو أدخلوا حقول التشغيلة. تسجيل التشغيلة يُفرج عن جرعاتها في مخزونكم المتاح.
ws-maker-lot-by-gs1 = من سلسلة GS1 المطبوعة على العبوة
ws-maker-field-gs1 = سلسلة عناصر GS1
ws-maker-hint-gs1 = كما هي مطبوعة تحت الرمز الشريطي، مثل { $example }، أو كما يرسلها الماسح الضوئي. ستتحققون مما تقوله قبل تسجيل أي شيء.
ws-maker-gs1-read = اقرأ السلسلة
ws-maker-lot-by-fields = بالحقول
ws-maker-field-product = المنتج
ws-maker-field-lot-number = رقم التشغيلة
ws-maker-hint-lot-number = كما هو مطبوع على العبوة، 20 حرفًا على الأكثر.
ws-maker-field-expiry = تاريخ انتهاء الصلاحية
ws-maker-field-doses-released = الجرعات المُفرج عنها
ws-maker-lot-register = سجّل التشغيلة
ws-maker-lot-check = تحقّقوا من التشغيلة المقروءة من سلسلة GS1
ws-maker-lot-check-lead = لم يُسجَّل شيء بعد. إذا كانت هذه هي العبوة التي بين أيديكم، فأدخلوا عدد الجرعات المُفرج عنها وأكّدوا.
ws-maker-lot-confirm = أكّد وسجّل
ws-maker-lot-start-again = ألصق سلسلة أخرى
ws-maker-gs1-empty = سلسلة GS1 فارغة: ألصقوا أو امسحوا النص المطبوع على العبوة، مثل { $example }.
ws-maker-gs1-too-long = سلسلة GS1 أطول من { $maximum } حرفًا: تحقّقوا من أنه لم يُلصق إلا رمز واحد.
ws-maker-gs1-expected-ai = يجب أن يقع معرّف تطبيق مثل (01) أو 01 عند الحرف { $position }، لكن المقروء هناك «{ $found }».
ws-maker-gs1-unknown-ai = معرّف التطبيق ({ $ai }) لا يُقرأ هنا: سلسلة عبوة اللقاح تستخدم (01) GTIN و(10) رقم التشغيلة و(17) تاريخ انتهاء الصلاحية و(21) الرقم التسلسلي.
ws-maker-gs1-duplicate-ai = معرّف التطبيق ({ $ai }) يرد أكثر من مرة: اذكروا كل معرّف مرة واحدة.
ws-maker-gs1-gtin-missing = لا يوجد GTIN في السلسلة: يجب أن تحتوي على (01) متبوعًا برقم GTIN للعبوة المكوَّن من 14 رقمًا.
ws-maker-gs1-field-empty = ليس للمعرّف ({ $ai }) قيمة: اكتبوها مباشرة بعده.
ws-maker-gs1-field-not-digits = يجب ألا تحتوي قيمة ({ $ai }) «{ $value }» إلا على أرقام.
ws-maker-gs1-field-wrong-length = يجب أن يلي ({ $ai }) { $expected } رقمًا بالضبط، لكن «{ $value }» فيها { $length }.
ws-maker-gs1-field-too-long = قيمة ({ $ai }) «{ $value }» فيها { $length } حرفًا، أكثر من الحد المسموح به وهو { $maximum }.
ws-maker-gs1-field-invalid-character = قيمة ({ $ai }) «{ $value }» تحتوي على «{ $character }»، وهو ما لا يسمح به GS1 هنا: استخدموا فقط الحروف اللاتينية من A إلى Z ومن a إلى z والأرقام و{ $allowed }
ws-maker-gs1-expiry-not-a-date = (17) «{ $value }» ليس تاريخًا: يُكتب تاريخ انتهاء الصلاحية YYMMDD، بشهر من 01 إلى 12 ويوم موجود في ذلك الشهر (00 يعني آخر أيامه).
ws-maker-gs1-gtin-not-digits = يجب ألا يحتوي GTIN «{ $input }» إلا على أرقام.
ws-maker-gs1-gtin-wrong-length = يتكوّن GTIN من 8 أو 12 أو 13 أو 14 رقمًا، لكن «{ $input }» فيه { $length }.
ws-maker-gs1-check-digit = ينتهي GTIN { $gtin } برقم التحقق { $found }، لكن أرقامه الأخرى تعطي { $expected }: تحقّقوا من الرقم بحثًا عن خطأ في الكتابة.
ws-maker-gs1-expiry-not-encodable = لا يمكن كتابة تاريخ انتهاء الصلاحية { $expiry } بصيغة (17) YYMMDD، التي تغطي الأعوام من 2000 إلى 2099.
ws-maker-gs1-ambiguous = قيمة ({ $ai }) «{ $value }» تحتوي على نص يُقرأ كمعرّف تطبيق بين قوسين: ألصقوا بدلًا منها الصيغة الخام التي يرسلها الماسح الضوئي.
ws-maker-gs1-no-product = لا يحمل أي من منتجاتكم GTIN { $gtin }: أضيفوا هذا الرقم إلى المنتج أولًا، أو تحقّقوا من السلسلة.
ws-maker-gs1-no-lot = لا يوجد رقم تشغيلة (10) في السلسلة: لا يمكن تسجيل تشغيلة من دونه.
ws-maker-gs1-no-expiry = لا يوجد تاريخ انتهاء صلاحية (17) في السلسلة: لا يمكن تسجيل تشغيلة من دونه.

## Capacity
ws-maker-capacity-lead = عدد الجرعات التي تستطيع جهتكم صنعها من كل منتج في الشهر. هذه الأرقام علنية كي يرى المنتدى الإمدادات القادمة؛ والرقم الجديد للمنتج نفسه والشهر نفسه يحل محل الرقم السابق.
ws-maker-capacity-caption = طاقتكم الإنتاجية الشهرية
ws-maker-no-capacity = لم تُعلن جهتكم أي طاقة إنتاجية بعد.
ws-maker-capacity-read-only = لا يُعلن الطاقة الإنتاجية إلا مسؤولو الجهة المصنّعة؛ يمكنكم الاطلاع عليها هنا.
ws-maker-capacity-new = إعلان طاقة شهر
ws-maker-capacity-set = أعلن الطاقة الإنتاجية
ws-maker-field-month = الشهر
ws-maker-hint-month = السنة والشهر، مثل 2021-09.
ws-maker-field-capacity-doses = الجرعات في ذلك الشهر
ws-maker-hint-capacity-doses = 0 إذا لم يُصنع المنتج في ذلك الشهر.

## Offers
ws-maker-offers-lead = عروضكم من الجرعات، لبلد أو منظمة واحدة أو للجميع. يمكن سحب العرض المفتوح؛ وكل قبول يُنشئ اتفاقًا موقَّعًا يظهر أدناه.
ws-maker-offers-lead-others = عروض الجهات المصنّعة الموجهة إلى جهتكم أو المفتوحة لها. قبول الجرعات يُنشئ اتفاق توريد موقَّعًا يظهر أدناه.
ws-maker-no-offers = لا عروض بعد.
ws-maker-offer-number = العرض { $id }
ws-maker-offer-to-all = جميع البلدان والمنظمات
ws-maker-offer-new = تقديم عرض
ws-maker-offer-create = قدّم العرض
ws-maker-field-doses-offered = الجرعات المعروضة
ws-maker-field-available-from = قابلة للتسليم من
ws-maker-field-available-to = قابلة للتسليم حتى
ws-maker-hint-window = { $days } يومًا على الأكثر بعد اليوم الأول.
ws-maker-field-price = سعر الجرعة
ws-maker-hint-price = عدد عشري مثل 3.50، اختياري.
ws-maker-field-currency = العملة
ws-maker-hint-currency = ثلاثة أحرف، مثل USD؛ مطلوبة مع السعر.
ws-maker-field-to = الموجَّه إليه
ws-maker-field-doses-taken = الجرعات المأخوذة
ws-maker-offer-accept = قبول
ws-maker-offer-decline = رفض
ws-maker-offer-withdraw = سحب
ws-maker-agreements = الاتفاقات الناتجة عن العروض
ws-maker-agreement-number = الاتفاق { $id }
ws-maker-no-agreements = لم ينتج أي اتفاق عن عرض بعد.

## Partnerships
ws-maker-partnerships-lead = إنتاج شريك محلي لمنتج جهة مصنّعة، بشكل علني: يخطو أي من الطرفين كل خطوة من الاقتراح إلى الإنتاج، ويُبلَّغ الطرف الآخر بكل خطوة.
ws-maker-no-partnerships = لا تشارك جهتكم في أي شراكة بعد.
ws-maker-partnership-number = الشراكة { $id }
ws-maker-partnership-new = اقتراح شراكة
ws-maker-partnership-propose = اقترحها
ws-maker-field-partner = الشريك
ws-maker-field-manufacturer = الجهة المصنّعة
ws-maker-field-site = الموقع
ws-maker-hint-site = مصنع أو مدينة، مثل داكار.
ws-maker-field-partnership-kind = النوع
ws-maker-field-capacity-per-year = الجرعات سنويًا بعد بدء الإنتاج

## What waits
ws-maker-waiting-offer-open = العرض { $offer } من { $product } مفتوح: { $left } لم تؤخذ بعد، حتى { $until }
ws-maker-waiting-offer-to-answer = العرض { $offer } من { $manufacturer }: { $left } من { $product }، حتى { $until }
ws-maker-waiting-partnership = تقترح { $party } شراكة لصنع { $product } في { $site }
ws-maker-waiting-lot-at-risk = التشغيلة { $lot } من { $product }: { $at_risk } لا تزال لديكم تنتهي صلاحيتها في { $expiry }

## Errors
ws-maker-error-at-most = أدخلوا عددًا صحيحًا لا يزيد على { $maximum }.
ws-maker-error-product-code = استخدموا فقط الحروف اللاتينية والأرقام و«-» و«_» و«.»، 64 على الأكثر.
ws-maker-error-product-exists = يوجد منتج بهذا الرمز أو بهذا GTIN بالفعل.
ws-maker-error-lot-number = استخدموا من 1 إلى 20 حرفًا قابلًا للطباعة، كما على العبوة.
ws-maker-error-lot-exists = رقم التشغيلة هذا مسجَّل بالفعل لهذا المنتج.
ws-maker-error-expiry-past = تاريخ انتهاء الصلاحية { $expiry } يسبق اليوم ({ $today }): لا يمكن الإفراج عن تشغيلة منتهية الصلاحية.
ws-maker-error-expiry-far = تاريخ انتهاء الصلاحية بعد { $latest }: تحقّقوا من التاريخ.
ws-maker-error-month = أدخلوا شهرًا مثل 2021-09، بين 2000-01 و2100-12.
ws-maker-error-window-order = اليوم الأخير يسبق اليوم الأول.
ws-maker-error-window-long = لا يجوز أن تتجاوز الفترة { $days } يومًا.
ws-maker-error-window-past = اليوم الأخير يسبق اليوم ({ $today }).
ws-maker-error-price = أدخلوا سعرًا مثل 3.50: عددًا عشريًا من 0 إلى 10000 بأربع خانات عشرية على الأكثر.
ws-maker-error-currency = أدخلوا العملة بثلاثة أحرف، مثل USD.
ws-maker-error-currency-required = يحتاج السعر إلى عملته.
ws-maker-error-changed = لم يعد هذا ممكنًا: لقد تغيّر الأمر في الأثناء. تعرض الصفحة الحالة الراهنة.

## After a form
ws-done-maker-product-created = أُضيف المنتج.
ws-done-maker-lot-registered = سُجّلت التشغيلة وأُفرج عن جرعاتها.
ws-done-maker-capacity-set = أُعلنت الطاقة الإنتاجية.
ws-done-maker-offer-created = قُدّم العرض.
ws-done-maker-offer-withdrawn = سُحب العرض.
ws-done-maker-offer-accepted = قُبلت الجرعات: أُنشئ اتفاق موقَّع.
ws-done-maker-offer-declined = رُفض العرض.
ws-done-maker-partnership-proposed = اقتُرحت الشراكة.
ws-done-maker-partnership-moved = انتقلت الشراكة إلى مرحلتها التالية.
ws-done-maker-partnership-abandoned = تُخلّي عن الشراكة.
