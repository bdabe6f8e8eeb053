# 通用术语：布局、图表、收入组、状态。
site-name = Equidose
site-tagline = 面向国际疫苗合作的开源软件。
skip-to-content = 跳到正文
nav-label = 主导航
nav-dashboard = 概览
nav-countries = 国家
nav-pledges = 认捐
language-label = 语言
footer-data = 参考数据：Our World in Data（CC BY 4.0）、联合国《世界人口展望》2019、世界银行 2022 财年收入分组。
footer-api = 同样的数据见 API
percent = { $value }%
group-low = 低收入
group-lower-middle = 中等偏下收入
group-upper-middle = 中等偏上收入
group-high = 高收入
group-world = 全球
group-none = 未分类
chart-source = 来源：{ $source }。数据日期：{ $date }。
source-reference = Our World in Data、联合国、世界银行，以及平台交付的剂量
source-ledger = Equidose 账本
chart-numbers = 图表背后的数据
chart-csv = 下载数据（CSV）
unit-per-100 = 每百人剂量
unit-doses = 剂量
axis-date = 日期
countries-count = { PLURAL($n) ->
   *[other] { $shown } 个国家
}
pledge-state-open = 进行中
pledge-state-withdrawn = 已撤回
pledge-state-fulfilled = 已兑现
round-state-draft = 草稿
round-state-published = 已发布
round-state-closed = 已关闭
