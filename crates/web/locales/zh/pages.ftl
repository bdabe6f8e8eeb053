# 各页面，每页一段。

## 概览
dashboard-title = 疫苗公平一目了然
dashboard-lead = { $date }，低收入国家每百人接种 { $low } 剂；高收入国家为 { $high } 剂。
latest-title = 最新数据
latest-caption = { $date } 每百人已接种剂量
latest-note = 此处不计最近两天的数据：许多国家的报告会晚几天。
col-group = 组别
col-doses = 已接种剂量
col-population = 人口
col-per-100 = 每百人剂量
col-date = 日期
coverage-title = 各收入组每百人剂量
coverage-desc = 从 { $from } 到 { $to } 每百人累计接种剂量；各国沿用其最近一次报告的数据。
fulfilment-title = 认捐兑现情况
fulfilment-chart = 各捐助方认捐与交付的剂量
legend-pledged = 认捐
legend-delivered = 已交付
col-donor = 捐助方
col-pledged = 认捐剂量
col-delivered = 已交付剂量
col-kept = 交付比例
fulfilment-none = 尚无认捐。
expiry-title = 面临过期风险的剂量
expiry-lead = 按持有方近期的接种速度，平台上有 { $doses } 剂将在使用前过期。
expiry-none = 平台上没有面临过期风险的剂量。
expiry-chart = 按过期周统计的风险剂量
expiry-note = 为所有持有方的合计；持有方信息不公开。
col-week = 过期周（自周一起）
col-product = 产品
col-at-risk = 风险剂量
rounds-title = 最新发布的分配轮次
rounds-none = 尚未发布任何轮次。
round-item = { $organization } 第 { $id } 轮，{ $date }：为 { $countries } 分配 { $doses } 剂

## 国家
countries-title = 国家
countries-lead = { $date } 每百人剂量。可按列排序，或按名称、收入组筛选。
filter-name = 名称包含
filter-group = 收入组
filter-any = 所有组别
filter-apply = 应用
filter-shown = 显示 { $count }。
col-country = 国家
col-income-group = 收入组
sort-ascending = 升序
sort-descending = 降序
countries-empty = 没有符合条件的国家。

## 国家页
country-lead = { $country }，{ $group }：{ $date } 每百人 { $per100 } 剂。
country-lead-unknown = { $country }：没有人口数据，因此没有每百人剂量。
country-chart = { $country } 与其收入组及全球的比较
country-deliveries = 通过平台的交付
country-delivered = 截至 { $date }，已通过 Equidose 交付 { $doses } 剂。
country-no-deliveries = 尚未通过 Equidose 交付任何剂量。
country-pledges = 收到的认捐
country-no-pledges = 尚无对该国的认捐。
country-back = 返回所有国家
col-due = 截止日期
col-state = 状态

## 轮次
round-title = { $organization } 第 { $id } 轮
round-lead = { $date } 的分配：为 { $countries } 分配 { $doses } 剂。
round-proposal = 分配方案
col-allocated = 分配剂量
col-before = 之前（每百人）
col-after = 之后（每百人）
col-limited = 限制因素
col-response = 答复
limited-cap = 其申请量
limited-expiry = 有效期
limited-level = 公平水平
limited-supply = 可用剂量
response-accept = 已接受
response-decline = 已拒绝：{ $reason }
response-none = 尚未答复
reason-short_shelf_life = 有效期太短
reason-no_cold_chain = 没有冷链
reason-insufficient_notice = 通知时间太短
reason-product_not_authorised = 产品未获批准
reason-no_absorption_capacity = 无力接种更多剂量
reason-other = 其他原因
reason-no_response = 未答复
round-chart = 本轮前后的覆盖率
legend-before = 之前
legend-after = 之后
round-recompute = 自行核查
round-recompute-text = 下载本轮的输入数据，用同一引擎运行：
round-input-link = 本轮输入数据（JSON）
round-not-found = 没有该编号的已发布轮次。

## 认捐
pledges-title = 认捐
pledges-lead = 平台上的所有认捐及据此交付的剂量。
col-recipient = 接收方
pledges-none = 尚无认捐。

## The policy simulator.
simulate-title = 政策模拟器
simulate-lead = 2021年8月，世卫组织呼吁富裕国家暂停加强针接种，直到每个国家至少为十分之一的人口接种疫苗，并分享其剂量。模拟器从{ $date }世界的真实状况出发，跟踪三种政策直到{ $to }，分享时使用与平台相同的分配引擎。
simulate-assumptions = 其他假设取自示例情景：截至{ $date }每月最多生产{ $doses }剂，其中{ $held }归较富裕国家的合同所有，其余进入共享池；完成基础免疫需每百人{ $primary }剂。
policy-boosters-first = 加强针优先
policy-boosters-first-text = 持有方先为本国人口完成基础免疫和加强针接种，只让出即将过期的剂量。
policy-sharing = 暂停加强针并分享
policy-sharing-text = 持有方保留剂量至下方设定的覆盖率，其余放入共享池；共享池每周分配一次。
policy-proportional = 按人口分配
policy-proportional-text = 从第一天起，每天的产量按人口在所有国家之间分配。
simulate-form = 修改假设
simulate-booster = 加强针，每百人剂量
simulate-booster-hint = 加强针接种在基础免疫（每百人{ $primary }剂）之外增加的剂量；持有方在分享前会接种到两者之和。
simulate-keep = 持有方保留量，每百人剂量
simulate-keep-hint = 暂停期间，持有方保留剂量至此覆盖率，其余拿出分享。
simulate-lead-time = 运输时间（天）
simulate-lead-time-hint = 从分配到抵达。
simulate-shelf-life = 抵达时最短剩余有效期（天）
simulate-shelf-life-hint = 抵达时剩余有效期更短的剂量会被接收方拒收。
simulate-group = 显示的组别
simulate-run = 运行模拟
simulate-errors = 模拟未运行：请更正下方标出的数值。
simulate-error-number = 请输入{ $low }至{ $high }之间的数字。
simulate-error-days = 请输入{ $low }至{ $high }之间的整数天数。
simulate-error-group = 请从列表中选择一个组别。
simulate-busy = 模拟器正在为其他读者运行模拟。请几秒钟后重试。
simulate-running = 模拟仍在运行（一次运行需要几秒钟），结果会为您保留。
simulate-retry = 显示结果
simulate-chart = 各政策下的每百人剂量：{ $group }
simulate-chart-desc = 每百人累计接种剂量，模拟时段为{ $from }至{ $to }。
simulate-source = 来源：Equidose 模拟器，基于内置的 Our World in Data、联合国和世界银行数据快照（{ $date }）。
simulate-outcomes = 各政策的结果：{ $group }
col-policy = 政策
simulate-col-reaches = 达到每百人{ $value }剂
simulate-col-final = 结束时每百人剂量
simulate-col-world = 全球，结束时每百人剂量
col-expired = 未使用即过期的剂量
col-shared = 分享的剂量
simulate-note = 模拟于{ $date }结束；–：届时仍未达到。过期剂量包括所有未使用即过期的剂量，无论由谁持有；分享剂量是在分享轮次中分配的剂量。

## The page of a forum meeting.
meeting-lead = 由{ $organization }记录，于{ $date }举行，参与方：{ $parties }。
meeting-totals = 承诺{ $promised }剂，已交付{ $delivered }剂（每剂只计一次）。
meeting-outcomes = 会上作出的承诺及其现状
meeting-chart = 按承诺列出的承诺剂量与交付剂量
meeting-none = 尚无承诺与此次会议关联。
col-commitment = 承诺
col-parties = 各方
col-promised = 承诺
col-agreed = 已商定
legend-promised = 承诺
outcome-pledge = 认捐 { $id }
outcome-offer = 报价 { $id }
outcome-agreement = 协议 { $id }
outcome-partnership = 合作 { $id }
outcome-stage = { $stage }（每年{ $capacity }剂）
state-open = 进行中
state-withdrawn = 已撤回
state-fulfilled = 已兑现
state-accepted = 已接受
state-declined = 已拒绝
state-proposed = 已提议
state-signed = 已签署
state-cancelled = 已取消
state-completed = 已完成
state-negotiating = 谈判中
state-agreed = 已达成
state-producing = 生产中
state-abandoned = 已放弃

## A round's certificate, checked without the engine.
round-check-text = 也可以不依赖引擎核验已发布的分配：下载其结果和证书，运行独立核验程序；如有问题，它会用一句话说明：
round-answer-link = 引擎的结果（JSON）
round-certificate-link = 其证书（JSON）

## The dashboard's local-production pipeline and meetings.
pipeline-title = 本地生产
pipeline-lead = 在需要的地方灌装或生产疫苗的合作，按阶段列出。
col-stage = 阶段
col-partnerships = 合作
col-capacity = 每年剂量
col-sites = 参与方与地点
meetings-title = 论坛会议
meetings-none = 尚未记录任何会议。
meeting-item = { $title }，{ $date }：承诺{ $promised }剂，已交付{ $delivered }剂

## The round page's check, run in the reader's browser (check.js).
check-without-script = 启用 JavaScript 时，本页会在您的浏览器中运行同样的核验，并在此说明是否通过；未启用时，请运行上面的命令。
check-checking = 正在您的浏览器中核验结果及其证书…
check-passed = 已在您的浏览器中核验：结果逐日可行，分配了所有可分配的剂量（共 { $doses } 剂），且任何一剂都无法转给覆盖率更低的接收方而不使转出方低于对方。
check-failed = 浏览器中的核验未通过。核验程序发现的问题（英文，与 equidose check 的输出相同）：
check-unreachable = 本页无法获取用于核验的三个文件（{ $reason }）：请运行上面的命令。
