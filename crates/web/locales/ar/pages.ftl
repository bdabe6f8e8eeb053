# الصفحات، كتلة لكل صفحة.

## لوحة المعلومات
dashboard-title = الإنصاف في اللقاحات بنظرة واحدة
dashboard-lead = في { $date }، أعطت البلدان المنخفضة الدخل { $low } جرعة لكل 100 شخص، والبلدان المرتفعة الدخل { $high }.
latest-title = أحدث الأرقام
latest-caption = الجرعات المعطاة لكل 100 شخص في { $date }
latest-note = يُستبعد هنا آخر يومين من البيانات: كثير من البلدان تبلغ بتأخير بضعة أيام.
col-group = الفئة
col-doses = الجرعات المعطاة
col-population = السكان
col-per-100 = جرعات لكل 100 شخص
col-date = اليوم
coverage-title = الجرعات لكل 100 شخص حسب فئة الدخل
coverage-desc = مجموع الجرعات المعطاة لكل 100 شخص من { $from } إلى { $to }، مع آخر رقم أبلغ عنه كل بلد.
fulfilment-title = التعهدات المنجزة
fulfilment-chart = الجرعات المتعهد بها والمسلمة حسب الجهة المانحة
legend-pledged = المتعهد بها
legend-delivered = المسلمة
col-donor = الجهة المانحة
col-pledged = الجرعات المتعهد بها
col-delivered = الجرعات المسلمة
col-kept = نسبة المسلم
fulfilment-none = لم يُقدَّم أي تعهد بعد.
expiry-title = جرعات معرضة لانتهاء الصلاحية
expiry-lead = { $doses } جرعة على المنصة ستنتهي صلاحيتها قبل إعطائها بالوتيرة الأخيرة لحائزيها.
expiry-none = لا توجد جرعات على المنصة معرضة لانتهاء الصلاحية.
expiry-chart = الجرعات المعرضة للخطر حسب أسبوع انتهاء الصلاحية
expiry-note = مجاميع لكل الحائزين؛ هوية الحائز ليست علنية.
col-week = أسبوع انتهاء الصلاحية (من الاثنين)
col-product = المنتج
col-at-risk = الجرعات المعرضة للخطر
rounds-title = أحدث الجولات المنشورة
rounds-none = لم تُنشر أي جولة بعد.
round-item = الجولة { $id } لـ { $organization }، { $date }: { $doses } جرعة لـ { $countries }

## البلدان
countries-title = البلدان
countries-lead = الجرعات لكل 100 شخص في { $date }. رتّب حسب عمود أو صفِّ حسب الاسم أو فئة الدخل.
filter-name = الاسم يحتوي على
filter-group = فئة الدخل
filter-any = كل الفئات
filter-apply = تطبيق
filter-shown = المعروض: { $count }.
col-country = البلد
col-income-group = فئة الدخل
sort-ascending = ترتيب تصاعدي
sort-descending = ترتيب تنازلي
countries-empty = لا يوجد بلد مطابق.

## البلد
country-lead = { $country }، { $group }: { $per100 } جرعة لكل 100 شخص في { $date }.
country-lead-unknown = { $country }: لا يوجد رقم للسكان، فلا توجد جرعات لكل 100 شخص.
country-chart = { $country } مقارنة بفئة دخله والعالم
country-deliveries = التسليمات عبر المنصة
country-delivered = سُلّمت { $doses } جرعة عبر Equidose حتى { $date }.
country-no-deliveries = لم تُسلَّم أي جرعات عبر Equidose بعد.
country-pledges = التعهدات المتلقاة
country-no-pledges = لا يوجد تعهد لهذا البلد بعد.
country-back = العودة إلى كل البلدان
col-due = الموعد النهائي
col-state = الحالة

## الجولة
round-title = الجولة { $id } لـ { $organization }
round-lead = توزيع { $date }: { $doses } جرعة لـ { $countries }.
round-proposal = الاقتراح
col-allocated = الجرعات المخصصة
col-before = قبل، لكل 100
col-after = بعد، لكل 100
col-limited = محدود بـ
col-response = الرد
limited-cap = طلبه
limited-expiry = انتهاء الصلاحية
limited-level = المستوى المنصف
limited-supply = الجرعات المتاحة
response-accept = مقبول
response-decline = مرفوض: { $reason }
response-none = لا رد بعد
reason-short_shelf_life = مدة الصلاحية قصيرة جدًا
reason-no_cold_chain = لا توجد سلسلة تبريد
reason-insufficient_notice = مهلة قصيرة جدًا
reason-product_not_authorised = المنتج غير مرخص
reason-no_absorption_capacity = لا قدرة على إعطاء جرعات أكثر
reason-other = سبب آخر
reason-no_response = لا رد
round-chart = التغطية قبل الجولة وبعدها
legend-before = قبل
legend-after = بعد
round-recompute = تحقق بنفسك
round-recompute-text = نزّل مدخلات الجولة وشغّل المحرك نفسه عليها:
round-input-link = مدخلات الجولة (JSON)
round-not-found = لا توجد جولة منشورة بهذا الرقم.

## التعهدات
pledges-title = التعهدات
pledges-lead = كل التعهدات المقدمة على المنصة والجرعات المسلمة مقابلها.
col-recipient = إلى
pledges-none = لم يُقدَّم أي تعهد بعد.

## The policy simulator.
simulate-title = محاكي السياسات
simulate-lead = في آب/أغسطس 2021 طلبت منظمة الصحة العالمية من البلدان الغنية تعليق الجرعات المعززة إلى أن يطعّم كل بلد عُشر سكانه على الأقل، وأن تتقاسم جرعاتها. ينطلق المحاكي من الحالة الفعلية للعالم في { $date } ويتتبع ثلاث سياسات حتى { $to }، ويتقاسم الجرعات بمحرك التوزيع نفسه الذي تستخدمه المنصة.
simulate-assumptions = الافتراضات الأخرى هي افتراضات السيناريو النموذجي: ما يصل إلى { $doses } جرعة تُنتج شهريًا حتى { $date }، يعود { $held } منها إلى عقود البلدان الأغنى ويذهب الباقي إلى مجمّع مشترك؛ و{ $primary } جرعة لكل 100 شخص لاستكمال التطعيم الأولي.
policy-boosters-first = الجرعات المعززة أولًا
policy-boosters-first-text = يعطي الحائزون سكانهم التطعيم الأولي وجرعة معززة، ولا يتنازلون إلا عن الجرعات التي أوشكت صلاحيتها على الانتهاء.
policy-sharing = التعليق والتقاسم
policy-sharing-text = يحتفظ الحائزون بالجرعات حتى التغطية المحددة أدناه ويضعون الباقي في المجمّع المشترك؛ ويُوزَّع المجمّع كل أسبوع.
policy-proportional = حسب عدد السكان
policy-proportional-text = يُقسَّم إنتاج كل يوم بين جميع البلدان حسب عدد سكانها منذ اليوم الأول.
simulate-form = تغيير الافتراضات
simulate-booster = الجرعة المعززة، جرعات لكل 100 شخص
simulate-booster-hint = ما تضيفه حملة الجرعات المعززة إلى التطعيم الأولي ({ $primary } لكل 100)؛ يطعّم الحائزون حتى بلوغ المستويين قبل التقاسم.
simulate-keep = ما يحتفظ به الحائزون، جرعات لكل 100 شخص
simulate-keep-hint = أثناء التعليق، يحتفظ الحائزون بالجرعات حتى هذه التغطية ويتقاسمون الباقي.
simulate-lead-time = مدة الإيصال بالأيام
simulate-lead-time-hint = من التوزيع إلى الوصول.
simulate-shelf-life = أدنى مدة صلاحية متبقية عند الوصول بالأيام
simulate-shelf-life-hint = يرفض المتلقون الجرعات التي تقل مدة صلاحيتها المتبقية عن ذلك عند وصولها.
simulate-group = الفئة المعروضة
simulate-run = تشغيل المحاكاة
simulate-errors = لم تُشغَّل المحاكاة: صحّح القيم المشار إليها أدناه.
simulate-error-number = أدخل عددًا من { $low } إلى { $high }.
simulate-error-days = أدخل عددًا صحيحًا من الأيام من { $low } إلى { $high }.
simulate-error-group = اختر إحدى الفئات الواردة في القائمة.
simulate-busy = المحاكي مشغول بعمليات محاكاة لقرّاء آخرين. حاول مرة أخرى بعد بضع ثوانٍ.
simulate-running = لا تزال المحاكاة جارية (تستغرق بضع ثوانٍ)، وستُحفظ نتيجتها لك.
simulate-retry = عرض النتائج
simulate-chart = الجرعات لكل 100 شخص في ظل كل سياسة: { $group }
simulate-chart-desc = الجرعات المعطاة التراكمية لكل 100 شخص، بالمحاكاة من { $from } إلى { $to }.
simulate-source = المصدر: محاكي Equidose، انطلاقًا من اللقطة المدمجة لأرقام Our World in Data والأمم المتحدة والبنك الدولي في { $date }.
simulate-outcomes = ما تحققه كل سياسة: { $group }
col-policy = السياسة
simulate-col-reaches = تبلغ { $value } لكل 100
simulate-col-final = لكل 100 في النهاية
simulate-col-world = العالم، لكل 100 في النهاية
col-expired = الجرعات المنتهية الصلاحية دون استخدام
col-shared = الجرعات المُتقاسَمة
simulate-note = تنتهي المحاكاة في { $date }؛ –: لم تُبلَغ بحلول ذلك اليوم. تشمل الجرعات المنتهية الصلاحية كل جرعة انتهت صلاحيتها دون استخدام أينما كانت محفوظة؛ والجرعات المتقاسمة هي التي وُزّعت في جولات التقاسم.

## The page of a forum meeting.
meeting-lead = سجّلته { $organization }، وعُقد في { $date }، بمشاركة { $parties }.
meeting-totals = الجرعات الموعودة: { $promised }، والمسلَّمة: { $delivered } (تُحسب كل جرعة مرة واحدة).
meeting-outcomes = الالتزامات المعلنة فيه وما وصلت إليه الآن
meeting-chart = الجرعات الموعودة والمسلَّمة، حسب الالتزام
meeting-none = لم يُربط أي التزام بهذا الاجتماع بعد.
col-commitment = الالتزام
col-parties = الأطراف
col-promised = الموعود
col-agreed = المتفق عليه
legend-promised = الموعود
outcome-pledge = تعهد { $id }
outcome-offer = عرض { $id }
outcome-agreement = اتفاق { $id }
outcome-partnership = شراكة { $id }
outcome-stage = { $stage } ({ $capacity } جرعة سنويًا)
state-open = مفتوح
state-withdrawn = مسحوب
state-fulfilled = منجز
state-accepted = مقبول
state-declined = مرفوض
state-proposed = مقترح
state-signed = موقّع
state-cancelled = ملغى
state-completed = مكتمل
state-negotiating = قيد التفاوض
state-agreed = متفق عليه
state-producing = قيد الإنتاج
state-abandoned = متروك

## A round's certificate, checked without the engine.
round-check-text = أو تحقق من التوزيع المنشور دون الوثوق بالمحرك: نزّل إجابته وشهادته، وشغّل المدقق المستقل الذي يذكر في جملة واحدة ما يخفق، إن وُجد:
round-answer-link = إجابة المحرك (JSON)
round-certificate-link = شهادتها (JSON)

## The dashboard's local-production pipeline and meetings.
pipeline-title = الإنتاج المحلي
pipeline-lead = شراكات تعبئة اللقاحات أو تصنيعها حيث تشتد الحاجة إليها، حسب المرحلة.
col-stage = المرحلة
col-partnerships = الشراكات
col-capacity = الجرعات سنويًا
col-sites = من وأين
meetings-title = اجتماعات المنتدى
meetings-none = لم يُسجَّل أي اجتماع بعد.
meeting-item = { $title }، { $date }: الجرعات الموعودة { $promised }، والمسلَّمة { $delivered }

## The round page's check, run in the reader's browser (check.js).
check-without-script = مع JavaScript تُجري هذه الصفحة الفحوص نفسها في متصفحك وتذكر هنا هل تتحقق؛ ومن دونه شغّل الأمر أعلاه.
check-checking = جارٍ التحقق من الإجابة وشهادتها في متصفحك…
check-passed = تم التحقق في متصفحك: الإجابة ممكنة التنفيذ يومًا بيوم، وتوزّع كل جرعة كان يمكن توزيعها (عدد الجرعات: { $doses })، ولا يمكن نقل أي جرعة إلى متلقٍّ أقل تغطية دون أن يصبح المانح دونه.
check-failed = أخفق التحقق في متصفحك. ما وجده المدقق (بالإنجليزية، كما يكتبه equidose check):
check-unreachable = تعذّر على الصفحة جلب الملفات الثلاثة للتحقق منها ({ $reason }): شغّل الأمر أعلاه.
