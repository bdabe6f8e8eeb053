# A manufacturer's workspace: products, lots (by fields or from a GS1 string), capacity,
# offers and the agreements they made, local-production partnerships.
ws-maker-choose = 请选择…
ws-maker-doses = { PLURAL($n) ->
   *[other] { $doses } 剂
}
ws-maker-days = { PLURAL($n) ->
   *[other] { $days } 天
}
ws-maker-window = { $from } 至 { $to }

## Columns
ws-maker-col-product = 产品
ws-maker-col-name = 名称
ws-maker-col-doses-per-course = 每程剂数
ws-maker-col-storage = 储存条件
ws-maker-col-shelf-life = 保质期
ws-maker-col-gtin = GTIN
ws-maker-col-lot = 批号
ws-maker-col-serial = 序列号
ws-maker-col-expiry = 有效期至
ws-maker-col-doses-released = 放行剂数
ws-maker-col-doses-available = 您处可用
ws-maker-col-month = 月份
ws-maker-col-doses = 剂数
ws-maker-col-stated = 申报时间
ws-maker-col-offer = 报价
ws-maker-col-manufacturer = 生产商
ws-maker-col-doses-offered = 报价剂数
ws-maker-col-doses-left = 剩余剂数
ws-maker-col-window = 供货期
ws-maker-col-price = 每剂价格
ws-maker-col-to = 对象
ws-maker-col-agreement = 协议
ws-maker-col-supplier = 供应方
ws-maker-col-recipient = 接收方
ws-maker-col-doses-delivered = 已交付剂数
ws-maker-col-with = 另一方
ws-maker-col-partnership = 合作
ws-maker-col-site = 地点
ws-maker-col-kind = 类型
ws-maker-col-capacity-per-year = 年产剂数
ws-maker-col-stage = 阶段

## Names of values
ws-maker-storage-2-8c = 冷藏，2 至 8 °C
ws-maker-storage-20c = 冷冻，−20 °C
ws-maker-storage-70c = 超低温，−70 °C
ws-maker-offer-state-open = 开放
ws-maker-offer-state-accepted = 已全部认领
ws-maker-offer-state-declined = 已拒绝
ws-maker-offer-state-withdrawn = 已撤回
ws-maker-agreement-state-proposed = 已提议
ws-maker-agreement-state-signed = 已签署
ws-maker-agreement-state-cancelled = 已取消
ws-maker-agreement-state-completed = 已完成
ws-maker-partnership-kind-fill-finish = 灌装与包装
ws-maker-partnership-kind-technology-transfer = 技术转让
ws-maker-partnership-stage-proposed = 已提议
ws-maker-partnership-stage-negotiating = 谈判中
ws-maker-partnership-stage-agreed = 已达成
ws-maker-partnership-stage-producing = 生产中
ws-maker-partnership-stage-abandoned = 已放弃
ws-maker-partnership-action-negotiate = 开始谈判
ws-maker-partnership-action-agree = 达成协议
ws-maker-partnership-action-start-production = 开始生产
ws-maker-partnership-action-abandon = 放弃

## Products
ws-maker-products-lead = 贵方生产的疫苗。以 GS1 字符串粘贴的批次会按此处填写的 GTIN 找到其产品。
ws-maker-products-caption = 您的产品
ws-maker-no-products = 贵方尚无产品。
ws-maker-products-read-only = 只有生产商的官员才能添加产品；您可以在此查看。
ws-maker-product-new = 添加产品
ws-maker-product-create = 添加此产品
ws-maker-field-product-code = 产品代码
ws-maker-hint-product-code = 字母、数字、“-”、“_”和“.”，例如 AZD1222。
ws-maker-field-product-name = 名称
ws-maker-field-doses-per-course = 完整疗程剂数
ws-maker-field-storage = 储存条件
ws-maker-field-shelf-life-days = 保质期（天）
ws-maker-field-gtin = GTIN
ws-maker-hint-gtin = 包装条形码下方的号码：14 位数字（8、12 或 13 位会自动补齐）。选填。

## Lots
ws-maker-lots-yours = 您的批次
ws-maker-lots-caption = 您的批次，最新的在前
ws-maker-no-lots = 贵方尚未登记任何批次。
ws-maker-lots-read-only = 只有生产商的官员才能登记批次；您可以在此查看。
ws-maker-lot-new = 登记批次
ws-maker-lot-new-lead = 粘贴包装上印制的 GS1 字符串，或填写批次的各个字段。登记批次即将其剂量放行到您的可用库存。
ws-maker-lot-by-gs1 = 根据包装上的 GS1 字符串
ws-maker-field-gs1 = GS1 元素字符串
ws-maker-hint-gs1 = 按条形码下方印制的样子，例如 { $example }，或扫描器发送的样子。登记前您会先核对其内容。
ws-maker-gs1-read = 读取字符串
ws-maker-lot-by-fields = 按字段
ws-maker-field-product = 产品
ws-maker-field-lot-number = 批号
ws-maker-hint-lot-number = 与包装上一致，最多 20 个字符。
ws-maker-field-expiry = 有效期至
ws-maker-field-doses-released = 放行剂数
ws-maker-lot-register = 登记此批次
ws-maker-lot-check = 核对从 GS1 字符串读出的批次
ws-maker-lot-check-lead = 尚未登记任何内容。如果这正是您手中的包装，请填写放行剂数并确认。
ws-maker-lot-confirm = 确认并登记
ws-maker-lot-start-again = 粘贴另一个字符串
ws-maker-gs1-empty = GS1 字符串为空：请粘贴或扫描包装上印制的文字，例如 { $example }。
ws-maker-gs1-too-long = GS1 字符串超过 { $maximum } 个字符：请检查是否只粘贴了一个代码。
ws-maker-gs1-expected-ai = 第 { $position } 个字符处应为 (01) 或 01 这样的应用标识符，但读到的是“{ $found }”。
ws-maker-gs1-unknown-ai = 此处不读取应用标识符 ({ $ai })：疫苗包装的字符串使用 (01) GTIN、(10) 批号、(17) 有效期和 (21) 序列号。
ws-maker-gs1-duplicate-ai = 应用标识符 ({ $ai }) 出现了不止一次：每个只能出现一次。
ws-maker-gs1-gtin-missing = 字符串中没有 GTIN：必须包含 (01) 及其后包装的 14 位 GTIN。
ws-maker-gs1-field-empty = ({ $ai }) 没有值：请紧接在标识符后写出。
ws-maker-gs1-field-not-digits = ({ $ai }) “{ $value }”只能包含数字。
ws-maker-gs1-field-wrong-length = ({ $ai }) 后面必须正好是 { $expected } 位数字，但“{ $value }”有 { $length } 位。
ws-maker-gs1-field-too-long = ({ $ai }) “{ $value }”有 { $length } 个字符，超过允许的 { $maximum } 个。
ws-maker-gs1-field-invalid-character = ({ $ai }) “{ $value }”含有“{ $character }”，GS1 在此不允许该字符：只能使用 A 至 Z 与 a 至 z 的字母、数字以及 { $allowed }
ws-maker-gs1-expiry-not-a-date = (17) “{ $value }”不是日期：有效期写作 YYMMDD，月份为 01 至 12，日期须为该月存在的日子（00 表示该月最后一天）。
ws-maker-gs1-gtin-not-digits = GTIN“{ $input }”只能包含数字。
ws-maker-gs1-gtin-wrong-length = GTIN 有 8、12、13 或 14 位数字，但“{ $input }”有 { $length } 位。
ws-maker-gs1-check-digit = GTIN { $gtin } 的校验位是 { $found }，但按其他数字应为 { $expected }：请检查是否输入有误。
ws-maker-gs1-expiry-not-encodable = 有效期 { $expiry } 无法写成 (17) YYMMDD，该格式只涵盖 2000 至 2099 年。
ws-maker-gs1-ambiguous = ({ $ai }) “{ $value }”含有会被读作括号内应用标识符的文字：请改为粘贴扫描器发送的原始形式。
ws-maker-gs1-no-product = 您的产品中没有 GTIN 为 { $gtin } 的：请先为产品填写此 GTIN，或检查字符串。
ws-maker-gs1-no-lot = 字符串中没有批号 (10)：没有批号无法登记批次。
ws-maker-gs1-no-expiry = 字符串中没有有效期 (17)：没有有效期无法登记批次。

## Capacity
ws-maker-capacity-lead = 贵方每月能生产各产品多少剂。这些数字是公开的，以便论坛了解未来的供应；同一产品同一月份的新数字会取代旧数字。
ws-maker-capacity-caption = 您的月产能
ws-maker-no-capacity = 贵方尚未申报产能。
ws-maker-capacity-read-only = 只有生产商的官员才能申报产能；您可以在此查看。
ws-maker-capacity-new = 申报某月产能
ws-maker-capacity-set = 申报产能
ws-maker-field-month = 月份
ws-maker-hint-month = 年和月，例如 2021-09。
ws-maker-field-capacity-doses = 当月剂数
ws-maker-hint-capacity-doses = 如当月不生产该产品，填 0。

## Offers
ws-maker-offers-lead = 您的剂量报价，可面向一个国家或组织，也可面向全部。开放的报价可以撤回；每次接受都会生成一份已签署的协议，列在下方。
ws-maker-offers-lead-others = 生产商向贵方提出的或向贵方开放的报价。接受剂量会生成一份已签署的供应协议，列在下方。
ws-maker-no-offers = 暂无报价。
ws-maker-offer-number = 报价 { $id }
ws-maker-offer-to-all = 所有国家和组织
ws-maker-offer-new = 提出报价
ws-maker-offer-create = 提出此报价
ws-maker-field-doses-offered = 报价剂数
ws-maker-field-available-from = 最早交付日
ws-maker-field-available-to = 最晚交付日
ws-maker-hint-window = 最多在第一天之后 { $days } 天。
ws-maker-field-price = 每剂价格
ws-maker-hint-price = 小数，例如 3.50，选填。
ws-maker-field-currency = 货币
ws-maker-hint-currency = 三个字母，例如 USD；填写价格时必填。
ws-maker-field-to = 对象
ws-maker-field-doses-taken = 认领剂数
ws-maker-offer-accept = 接受
ws-maker-offer-decline = 拒绝
ws-maker-offer-withdraw = 撤回
ws-maker-agreements = 由报价产生的协议
ws-maker-agreement-number = 协议 { $id }
ws-maker-no-agreements = 尚无由报价产生的协议。

## Partnerships
ws-maker-partnerships-lead = 由合作方在本地生产某生产商的产品，全程公开：从提议到生产的每一步都可由任一方推进，并通知另一方。
ws-maker-no-partnerships = 贵方尚未参与任何合作。
ws-maker-partnership-number = 合作 { $id }
ws-maker-partnership-new = 提议合作
ws-maker-partnership-propose = 提出提议
ws-maker-field-partner = 合作方
ws-maker-field-manufacturer = 生产商
ws-maker-field-site = 地点
ws-maker-hint-site = 工厂或城市，例如达喀尔。
ws-maker-field-partnership-kind = 类型
ws-maker-field-capacity-per-year = 投产后年产剂数

## What waits
ws-maker-waiting-offer-open = { $product } 的报价 { $offer } 仍开放：尚有 { $left } 未被认领，截至 { $until }
ws-maker-waiting-offer-to-answer = { $manufacturer } 的报价 { $offer }：{ $product } { $left }，截至 { $until }
ws-maker-waiting-partnership = { $party } 提议合作，在 { $site } 生产 { $product }
ws-maker-waiting-lot-at-risk = { $product } 批次 { $lot }：您处尚有 { $at_risk }，将于 { $expiry } 过期

## Errors
ws-maker-error-at-most = 请输入不大于 { $maximum } 的整数。
ws-maker-error-product-code = 只能使用字母、数字、“-”、“_”和“.”，最多 64 个。
ws-maker-error-product-exists = 已有使用此代码或此 GTIN 的产品。
ws-maker-error-lot-number = 请使用 1 至 20 个可打印字符，与包装上一致。
ws-maker-error-lot-exists = 此产品的这个批号已经登记。
ws-maker-error-expiry-past = 有效期 { $expiry } 早于今天（{ $today }）：过期批次不能放行。
ws-maker-error-expiry-far = 有效期晚于 { $latest }：请检查日期。
ws-maker-error-month = 请输入月份，例如 2021-09，介于 2000-01 与 2100-12 之间。
ws-maker-error-window-order = 最后一天早于第一天。
ws-maker-error-window-long = 供货期最长 { $days } 天。
ws-maker-error-window-past = 最后一天早于今天（{ $today }）。
ws-maker-error-price = 请输入价格，例如 3.50：0 至 10000 之间、最多 4 位小数的数字。
ws-maker-error-currency = 请用三个字母输入货币，例如 USD。
ws-maker-error-currency-required = 价格须注明货币。
ws-maker-error-changed = 此操作已不可行：期间情况已有变化。页面显示的是当前状态。

## After a form
ws-done-maker-product-created = 产品已添加。
ws-done-maker-lot-registered = 批次已登记，其剂量已放行。
ws-done-maker-capacity-set = 产能已申报。
ws-done-maker-offer-created = 报价已提出。
ws-done-maker-offer-withdrawn = 报价已撤回。
ws-done-maker-offer-accepted = 剂量已接受：已生成一份已签署的协议。
ws-done-maker-offer-declined = 报价已拒绝。
ws-done-maker-partnership-proposed = 合作已提议。
ws-done-maker-partnership-moved = 合作已进入下一阶段。
ws-done-maker-partnership-abandoned = 合作已放弃。
