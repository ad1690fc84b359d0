<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AuditWatch</name>
    <message>
        <source>pending</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>unexplained</source>
        <translation>无法解释</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>一致</translation>
    </message>
</context>
<context>
    <name>AuditWindow</name>
    <message>
        <source>call %1: %2</source>
        <translation>第 %1 次调用：%2</translation>
    </message>
    <message>
        <source> (%1 of %2)</source>
        <translation>（%2 个中 %1 个）</translation>
    </message>
</context>
<context>
    <name>BatchWindow</name>
    <message>
        <source> (the pair view&apos;s draw: seed %1, index %2)</source>
        <translation>（图像对视图的抽样：种子 %1，索引 %2）</translation>
    </message>
    <message>
        <source>target = %1 · y(%2) + %3 · y(%4)</source>
        <translation>目标 = %1 · y(%2) + %3 · y(%4)</translation>
    </message>
    <message>
        <source>target = y(%1)</source>
        <translation>目标 = y(%1)</translation>
    </message>
    <message>
        <source>, y smoothed: on = 1 − %1 + %1/%2, off = %1/%2</source>
        <translation>，y 经平滑：命中类 = 1 − %1 + %1/%2，其余 = %1/%2</translation>
    </message>
    <message>
        <source>every other class %1</source>
        <translation>其余每个类别 %1</translation>
    </message>
</context>
<context>
    <name>ExportDialogs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>The class name of this image, used in the soft label</source>
        <translation>此图像的类别名，用于软标签</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>dropped</source>
        <translation>丢弃</translation>
    </message>
    <message>
        <source>kept, clipped</source>
        <translation>保留，已截断</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>%1, object %2: &lt;b&gt;%3&lt;/b&gt; (class %4)</source>
        <translation>%1 的第 %2 个目标：&lt;b&gt;%3&lt;/b&gt;（类别 %4）</translation>
    </message>
    <message>
        <source>%1, object %2: &lt;b&gt;%3&lt;/b&gt; (class %4)&lt;br&gt;visible: %5&lt;br&gt;%6 rule: &lt;b&gt;%7&lt;/b&gt;</source>
        <translation>%1 的第 %2 个目标：&lt;b&gt;%3&lt;/b&gt;（类别 %4）&lt;br&gt;可见：%5&lt;br&gt;%6 规则：&lt;b&gt;%7&lt;/b&gt;</translation>
    </message>
    <message>
        <source>mask label 0: background</source>
        <translation>掩码标签 0：背景</translation>
    </message>
    <message>
        <source>mask label %1: no object of that number</source>
        <translation>掩码标签 %1：没有此编号的目标</translation>
    </message>
    <message>
        <source>mask label %1: %2 object %3, %4 (class %5)</source>
        <translation>掩码标签 %1：%2 的第 %3 个目标，%4（类别 %5）</translation>
    </message>
    <message>
        <source>mask label %1: %2 (class %1)</source>
        <translation>掩码标签 %1：%2（类别 %1）</translation>
    </message>
    <message>
        <source>: inside the box</source>
        <translation>：在框内</translation>
    </message>
    <message>
        <source>, %1</source>
        <translation>，%1</translation>
    </message>
    <message>
        <source>a blend of A (%1) and B (%2)</source>
        <translation>A（%1）与 B（%2）的混合</translation>
    </message>
    <message>
        <source>filled by Cutout</source>
        <translation>由 Cutout 填充</translation>
    </message>
    <message>
        <source>from %1 (%2)</source>
        <translation>来自 %1（%2）</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>来源 %1</translation>
    </message>
    <message>
        <source>result (%1, %2): %3, %4</source>
        <translation>结果 (%1, %2)：%3，%4</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <source>λ ~ Beta(α, α): small α puts λ near 0 or 1, α = 1 makes it uniform, large α puts it near 0.5</source>
        <translation>λ ~ Beta(α, α)：α 小时 λ 靠近 0 或 1，α = 1 时为均匀分布，α 大时靠近 0.5</translation>
    </message>
    <message>
        <source>Correct λ from the clipped area</source>
        <translation>按截断后的面积校正 λ</translation>
    </message>
    <message>
        <source>yes/no: the weight from the clipped box area (conventions with the switch; default: the library&apos;s own)</source>
        <translation>是/否：由截断后的框面积计算权重（适用于带此开关的约定；默认：随各库自身）</translation>
    </message>
    <message>
        <source>the library&apos;s default</source>
        <translation>库的默认值</translation>
    </message>
    <message>
        <source>Cut range</source>
        <translation>切块范围</translation>
    </message>
    <message>
        <source>timm&apos;s cutmix_minmax: the cut side&apos;s range lo,hi as fractions of the image side</source>
        <translation>timm 的 cutmix_minmax：切块边长的范围 lo,hi，以图像边长的比例表示</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源数</translation>
    </message>
    <message>
        <source>CutMix: the images one draw mixes (multi-source CutMix)</source>
        <translation>CutMix：一次抽样混合的图像数（多来源 CutMix）</translation>
    </message>
    <message>
        <source>Scale τ</source>
        <translation>比例 τ</translation>
    </message>
    <message>
        <source>ResizeMix: the range lo,hi of the patch scale τ, drawn uniformly between them</source>
        <translation>ResizeMix：补丁比例 τ 的范围 lo,hi，在其间均匀抽取</translation>
    </message>
    <message>
        <source>Decay</source>
        <translation>衰减</translation>
    </message>
    <message>
        <source>FMix: the spectrum falls as 1/f^decay; larger values give smoother, blobbier masks</source>
        <translation>FMix：频谱按 1/f^decay 衰减；值越大，掩码越平滑、成块</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Cutout: the square&apos;s side as a fraction of the shorter image side</source>
        <translation>Cutout：正方形边长占图像短边的比例</translation>
    </message>
    <message>
        <source>Fill</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Cutout: what fills the square, a constant or uniform noise</source>
        <translation>Cutout：正方形的填充方式，常数或均匀噪声</translation>
    </message>
    <message>
        <source>Fill value</source>
        <translation>填充值</translation>
    </message>
    <message>
        <source>Cutout: the constant, times 257 for 16-bit images</source>
        <translation>Cutout：填充常数，16 位图像乘以 257</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>取整</translation>
    </message>
    <message>
        <source>MixUp: timm (a float32 blend rounded half to even, as timm&apos;s fast collate) or exact (the blend in double)</source>
        <translation>MixUp：timm（float32 混合后四舍六入五成双，与 timm 的 fast collate 相同）或 exact（以 double 精度混合）</translation>
    </message>
    <message>
        <source>Sizes differ</source>
        <translation>尺寸不同时</translation>
    </message>
    <message>
        <source>resize-b (the others resized to A&apos;s size) or center-crop (all cropped to their common size), for images of different sizes</source>
        <translation>图像尺寸不同时：resize-b（其余图像缩放到 A 的尺寸）或 center-crop（全部中心裁剪到共同尺寸）</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Label smoothing of the soft label</source>
        <translation>软标签的标签平滑</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别数</translation>
    </message>
    <message>
        <source>Number of classes K of the soft label (0: as many as the classes named)</source>
        <translation>软标签的类别数 K（0：与已命名的类别数相同）</translation>
    </message>
    <message>
        <source>as named</source>
        <translation>按已命名</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Sample index under the seed</source>
        <translation>该种子下的样本索引</translation>
    </message>
    <message>
        <source>MixUp α</source>
        <translation>MixUp α</translation>
    </message>
    <message>
        <source>MixUp&apos;s alpha; 0 turns MixUp off</source>
        <translation>MixUp 的 α；0 表示关闭 MixUp</translation>
    </message>
    <message>
        <source>CutMix α</source>
        <translation>CutMix α</translation>
    </message>
    <message>
        <source>CutMix&apos;s alpha; 0 turns CutMix off</source>
        <translation>CutMix 的 α；0 表示关闭 CutMix</translation>
    </message>
    <message>
        <source>β (α)</source>
        <translation>β (α)</translation>
    </message>
    <message>
        <source>The official train.py&apos;s --beta: CutMix&apos;s alpha; 0 turns CutMix off</source>
        <translation>官方 train.py 的 --beta：即 CutMix 的 α；0 表示关闭 CutMix</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>The chance that a unit mixes (timm: prob; the official code: --cutmix_prob)</source>
        <translation>一个单元进行混合的概率（timm：prob；官方代码：--cutmix_prob）</translation>
    </message>
    <message>
        <source>Switch prob</source>
        <translation>切换概率</translation>
    </message>
    <message>
        <source>timm&apos;s switch_prob: the chance of CutMix when both methods are on</source>
        <translation>timm 的 switch_prob：两种方法都开启时选用 CutMix 的概率</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>timm&apos;s mode: one lam for the batch, one per pair (i and N-1-i), or one per element</source>
        <translation>timm 的 mode：整个批次一个 λ、每对（i 与 N-1-i）一个，或每个元素一个</translation>
    </message>
    <message>
        <source>correct_lam</source>
        <translation>correct_lam</translation>
    </message>
    <message>
        <source>timm&apos;s correct_lam: the weight from the clipped box area</source>
        <translation>timm 的 correct_lam：由截断后的框面积计算权重</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>timm&apos;s label_smoothing</source>
        <translation>timm 的 label_smoothing</translation>
    </message>
    <message>
        <source>timm&apos;s cutmix_minmax: the cut side&apos;s range lo,hi as fractions (off: the cut from lam)</source>
        <translation>timm 的 cutmix_minmax：切块边长的范围 lo,hi（比例；off：由 λ 计算切块）</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Pixels&apos; partner</source>
        <translation>像素的配对</translation>
    </message>
    <message>
        <source>Whose pixels each element gets: flip (i &lt;-&gt; N-1-i), roll (i gets i-1) or perm (a seeded random permutation); the labels keep the recipe&apos;s rule, so a mismatch shows</source>
        <translation>每个元素取谁的像素：flip（i &lt;-&gt; N-1-i）、roll（i 取 i-1）或 perm（按种子的随机排列）；标签仍按配方的规则配对，因此会显出不一致</translation>
    </message>
    <message>
        <source>the recipe&apos;s rule</source>
        <translation>配方的规则</translation>
    </message>
    <message>
        <source>The official code, timm rand_bbox, torchvision v2 CutMix</source>
        <translation>官方代码、timm rand_bbox、torchvision v2 CutMix</translation>
    </message>
    <message>
        <source>centre (cx, cy) = ({cx}, {cy})</source>
        <translation>中心 (cx, cy) = ({cx}, {cy})</translation>
    </message>
    <message>
        <source>x1 = clip(cx − cut_w//2, 0, W) = clip({ux1}, 0, {W}) = {x1}</source>
        <translation>x1 = clip(cx − cut_w//2, 0, W) = clip({ux1}, 0, {W}) = {x1}</translation>
    </message>
    <message>
        <source>x2 = clip(cx + cut_w//2, 0, W) = clip({ux2}, 0, {W}) = {x2}</source>
        <translation>x2 = clip(cx + cut_w//2, 0, W) = clip({ux2}, 0, {W}) = {x2}</translation>
    </message>
    <message>
        <source>y1 = clip(cy − cut_h//2, 0, H) = clip({uy1}, 0, {H}) = {y1}</source>
        <translation>y1 = clip(cy − cut_h//2, 0, H) = clip({uy1}, 0, {H}) = {y1}</translation>
    </message>
    <message>
        <source>y2 = clip(cy + cut_h//2, 0, H) = clip({uy2}, 0, {H}) = {y2}</source>
        <translation>y2 = clip(cy + cut_h//2, 0, H) = clip({uy2}, 0, {H}) = {y2}</translation>
    </message>
    <message>
        <source>the drawn λ (not corrected)</source>
        <translation>抽到的 λ（未校正）</translation>
    </message>
    <message>
        <source>λ_adj (corrected)</source>
        <translation>λ_adj（已校正）</translation>
    </message>
    <message>
        <source>box {box}</source>
        <translation>框 {box}</translation>
    </message>
    <message>
        <source>λ {lam4}</source>
        <translation>λ {lam4}</translation>
    </message>
    <message>
        <source>λ_adj {lam_adj4}</source>
        <translation>λ_adj {lam_adj4}</translation>
    </message>
    <message>
        <source>CutMix of {sources} sources</source>
        <translation>{sources} 个来源的 CutMix</translation>
    </message>
    <message>
        <source>The first official commit, timm correct_lam=False: reports the drawn λ</source>
        <translation>官方最初的提交、timm correct_lam=False：报告抽到的 λ</translation>
    </message>
    <message>
        <source>Keras-CV: odd cuts keep their pixel; weight from the unclipped area</source>
        <translation>Keras-CV：奇数切块保留其像素；权重由未截断的面积计算</translation>
    </message>
    <message>
        <source>in float32: λ = {lam32},  √(1−λ) = {root32}</source>
        <translation>在 float32 中：λ = {lam32}，√(1−λ) = {root32}</translation>
    </message>
    <message>
        <source>cut_w = int32(√(1−λ)·W) = int32({root32} · {W}) = {cut_w}</source>
        <translation>cut_w = int32(√(1−λ)·W) = int32({root32} · {W}) = {cut_w}</translation>
    </message>
    <message>
        <source>cut_h = int32(√(1−λ)·H) = int32({root32} · {H}) = {cut_h}</source>
        <translation>cut_h = int32(√(1−λ)·H) = int32({root32} · {H}) = {cut_h}</translation>
    </message>
    <message>
        <source>x1 = clip(⌈cx − cut_w/2⌉) = clip(⌈{cx} − {half_w}⌉) = {x1}</source>
        <translation>x1 = clip(⌈cx − cut_w/2⌉) = clip(⌈{cx} − {half_w}⌉) = {x1}</translation>
    </message>
    <message>
        <source>x2 = clip(⌈cx + cut_w/2⌉) = clip(⌈{cx} + {half_w}⌉) = {x2}</source>
        <translation>x2 = clip(⌈cx + cut_w/2⌉) = clip(⌈{cx} + {half_w}⌉) = {x2}</translation>
    </message>
    <message>
        <source>y1 = clip(⌈cy − cut_h/2⌉) = clip(⌈{cy} − {half_h}⌉) = {y1}</source>
        <translation>y1 = clip(⌈cy − cut_h/2⌉) = clip(⌈{cy} − {half_h}⌉) = {y1}</translation>
    </message>
    <message>
        <source>y2 = clip(⌈cy + cut_h/2⌉) = clip(⌈{cy} + {half_h}⌉) = {y2}</source>
        <translation>y2 = clip(⌈cy + cut_h/2⌉) = clip(⌈{cy} + {half_h}⌉) = {y2}</translation>
    </message>
    <message>
        <source>float32(1 − cut_w·cut_h/(W·H)) = float32(1 − {cut_area}/{WH}) (the unclipped area)</source>
        <translation>float32(1 − cut_w·cut_h/(W·H)) = float32(1 − {cut_area}/{WH})（未截断的面积）</translation>
    </message>
    <message>
        <source>Kornia RandomCutMixV2: box always inside; legacy weight is the pasted area</source>
        <translation>Kornia RandomCutMixV2：框总在图像内；旧版权重是粘贴的面积</translation>
    </message>
    <message>
        <source>cut_w = ⌊√(1−λ)·W⌋ = ⌊{root32} · {W}⌋ = {cut_w}</source>
        <translation>cut_w = ⌊√(1−λ)·W⌋ = ⌊{root32} · {W}⌋ = {cut_w}</translation>
    </message>
    <message>
        <source>cut_h = ⌊√(1−λ)·H⌋ = ⌊{root32} · {H}⌋ = {cut_h}</source>
        <translation>cut_h = ⌊√(1−λ)·H⌋ = ⌊{root32} · {H}⌋ = {cut_h}</translation>
    </message>
    <message>
        <source>x1 = ⌊u·(W − cut_w − 1)⌋ = ⌊{ux32} · {span_x}⌋ = {ux1}</source>
        <translation>x1 = ⌊u·(W − cut_w − 1)⌋ = ⌊{ux32} · {span_x}⌋ = {ux1}</translation>
    </message>
    <message>
        <source>y1 = ⌊u·(H − cut_h − 1)⌋ = ⌊{uy32} · {span_y}⌋ = {uy1}</source>
        <translation>y1 = ⌊u·(H − cut_h − 1)⌋ = ⌊{uy32} · {span_y}⌋ = {uy1}</translation>
    </message>
    <message>
        <source>x2 = x1 + cut_w = {ux2},  y2 = y1 + cut_h = {uy2}</source>
        <translation>x2 = x1 + cut_w = {ux2},  y2 = y1 + cut_h = {uy2}</translation>
    </message>
    <message>
        <source>float32(cut_w·cut_h) / float32(W·H) = {cut_area}/{WH} (kornia&apos;s legacy weight: the cut&apos;s share)</source>
        <translation>float32(cut_w·cut_h) / float32(W·H) = {cut_area}/{WH}（Kornia 的旧版权重：切块的占比）</translation>
    </message>
    <message>
        <source>1 − float32(cut_w·cut_h) / float32(W·H) = 1 − {cut_area}/{WH} (use_correct_lambda)</source>
        <translation>1 − float32(cut_w·cut_h) / float32(W·H) = 1 − {cut_area}/{WH}（use_correct_lambda）</translation>
    </message>
    <message>
        <source>Kornia starts at ({ux1}, {uy1}) here: its cut fills a side, so W − cut − 1 = −1. It pastes {area} px (one row or column less than the cut), yet its weight counts the whole {cut_w} × {cut_h} = {cut_area} px cut</source>
        <translation>此处 Kornia 从 ({ux1}, {uy1}) 开始：它的切块占满了一边，因此 W − cut − 1 = −1。它只粘贴了 {area} 像素（比切块少一行或一列），权重却按整个 {cut_w} × {cut_h} = {cut_area} 像素的切块计算</translation>
    </message>
    <message>
        <source>timm with cutmix_minmax: the cut size is drawn directly</source>
        <translation>timm 设置 cutmix_minmax 时：直接抽取切块尺寸</translation>
    </message>
    <message>
        <source>cut_w = randint(int(W·{minmax_lo}), int(W·{minmax_hi})) = {cut_w}</source>
        <translation>cut_w = randint(int(W·{minmax_lo}), int(W·{minmax_hi})) = {cut_w}</translation>
    </message>
    <message>
        <source>cut_h = randint(int(H·{minmax_lo}), int(H·{minmax_hi})) = {cut_h}</source>
        <translation>cut_h = randint(int(H·{minmax_lo}), int(H·{minmax_hi})) = {cut_h}</translation>
    </message>
    <message>
        <source>x1 = randint(0, W − cut_w) = {x1},  y1 = randint(0, H − cut_h) = {y1}</source>
        <translation>x1 = randint(0, W − cut_w) = {x1},  y1 = randint(0, H − cut_h) = {y1}</translation>
    </message>
    <message>
        <source>x2 = x1 + cut_w = {x2},  y2 = y1 + cut_h = {y2}</source>
        <translation>x2 = x1 + cut_w = {x2},  y2 = y1 + cut_h = {y2}</translation>
    </message>
    <message>
        <source>(λ is not used for the box: timm ignores it when cutmix_minmax is set)</source>
        <translation>（框不使用 λ：设置了 cutmix_minmax 时 timm 忽略它）</translation>
    </message>
    <message>
        <source>λ_adj</source>
        <translation>λ_adj</translation>
    </message>
    <message>
        <source>MixUp: every pixel blends A and B with weight λ</source>
        <translation>MixUp：每个像素按权重 λ 混合 A 和 B</translation>
    </message>
    <message>
        <source>every pixel = round(λ·A + (1 − λ)·B)  (rounding: {rounding})</source>
        <translation>每个像素 = round(λ·A + (1 − λ)·B)  （取整：{rounding}）</translation>
    </message>
    <message>
        <source>weight of A = λ = {lam},  of B = 1 − λ</source>
        <translation>A 的权重 = λ = {lam}，B 的权重 = 1 − λ</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>MixUp λ {weight4}</source>
        <translation>MixUp λ {weight4}</translation>
    </message>
    <message>
        <source>ResizeMix: all of B, shrunk to a patch of scale τ, pasted inside A</source>
        <translation>ResizeMix：把整张 B 缩小为比例 τ 的补丁，粘贴到 A 内</translation>
    </message>
    <message>
        <source>τ ~ U({scale_lo}, {scale_hi}):  τ = {tau}</source>
        <translation>τ ~ U({scale_lo}, {scale_hi})：τ = {tau}</translation>
    </message>
    <message>
        <source>patch = int(τ·W) × int(τ·H) = {cut_w} × {cut_h}</source>
        <translation>补丁 = int(τ·W) × int(τ·H) = {cut_w} × {cut_h}</translation>
    </message>
    <message>
        <source>at ({x1}, {y1}), uniform among the places inside A</source>
        <translation>位于 ({x1}, {y1})，在 A 内的位置中均匀选取</translation>
    </message>
    <message>
        <source>all of B shrunk into the patch (area interpolation)</source>
        <translation>整张 B 缩小到补丁中（area 插值）</translation>
    </message>
    <message>
        <source>1 − patch area/(W·H)</source>
        <translation>1 − 补丁面积/(W·H)</translation>
    </message>
    <message>
        <source>ResizeMix τ {tau3}</source>
        <translation>ResizeMix τ {tau3}</translation>
    </message>
    <message>
        <source>patch {box}</source>
        <translation>补丁 {box}</translation>
    </message>
    <message>
        <source>FMix: a low-frequency Fourier mask decides which pixels come from A</source>
        <translation>FMix：由低频傅里叶掩码决定哪些像素来自 A</translation>
    </message>
    <message>
        <source>mask = Re(IDFT(noise · 1/max(f, 1/max(W, H))^{decay})), scaled to [0, 1]</source>
        <translation>掩码 = Re(IDFT(噪声 · 1/max(f, 1/max(W, H))^{decay}))，缩放到 [0, 1]</translation>
    </message>
    <message>
        <source>A keeps the round(λ·W·H) = round({lam} · {WH}) = {mask_count} highest mask values</source>
        <translation>A 保留掩码值最高的 round(λ·W·H) = round({lam} · {WH}) = {mask_count} 个像素</translation>
    </message>
    <message>
        <source>{mask_count}/{WH}, the pixels from A</source>
        <translation>{mask_count}/{WH}，即来自 A 的像素</translation>
    </message>
    <message>
        <source>FMix λ {lam4}</source>
        <translation>FMix λ {lam4}</translation>
    </message>
    <message>
        <source>{mask_count} px of A</source>
        <translation>A 的 {mask_count} 像素</translation>
    </message>
    <message>
        <source>Cutout: a square of A filled with a constant or noise; the label is not mixed</source>
        <translation>Cutout：A 中的一个正方形用常数或噪声填充；标签不混合</translation>
    </message>
    <message>
        <source>side = int({cutout_size} · min(W, H)) = {cut_w}</source>
        <translation>边长 = int({cutout_size} · min(W, H)) = {cut_w}</translation>
    </message>
    <message>
        <source>centre (cx, cy) = ({cx}, {cy});  the square is clipped like CutMix&apos;s box</source>
        <translation>中心 (cx, cy) = ({cx}, {cy})；正方形与 CutMix 的框一样会被截断</translation>
    </message>
    <message>
        <source>filled with {fill_text}</source>
        <translation>填充：{fill_text}</translation>
    </message>
    <message>
        <source>the label is not mixed: weight of A = 1 ({lam_adj} of its pixels are left)</source>
        <translation>标签不混合：A 的权重 = 1（其像素保留 {lam_adj}）</translation>
    </message>
    <message>
        <source>1 (Cutout does not mix labels)</source>
        <translation>1（Cutout 不混合标签）</translation>
    </message>
    <message>
        <source>Cutout {box}</source>
        <translation>Cutout {box}</translation>
    </message>
    <message>
        <source>timm Mixup: partner flip(0), lam per batch, pair or element, label smoothing</source>
        <translation>timm Mixup：配对 flip(0)，λ 按批次、按对或按元素，带标签平滑</translation>
    </message>
    <message>
        <source>torchvision v2 RandomChoice([CutMix, MixUp]): partner roll(1), one lam per batch</source>
        <translation>torchvision v2 RandomChoice([CutMix, MixUp])：配对 roll(1)，每批次一个 λ</translation>
    </message>
    <message>
        <source>The official train.py: CutMix with probability prob, partner torch.randperm</source>
        <translation>官方 train.py：以概率 prob 做 CutMix，配对为 torch.randperm</translation>
    </message>
    <message>
        <source>W × H = {W} × {H}</source>
        <translation>W × H = {W} × {H}</translation>
    </message>
    <message>
        <source>  (B resized from {wB} × {hB})</source>
        <translation>  （B 由 {wB} × {hB} 缩放而来）</translation>
    </message>
    <message>
        <source>  (centre-cropped; A was {wA} × {hA}, B {wB} × {hB})</source>
        <translation>  （已中心裁剪；A 原为 {wA} × {hA}，B 为 {wB} × {hB}）</translation>
    </message>
    <message>
        <source>seed {seed_n}, index {index_n}</source>
        <translation>种子 {seed_n}，索引 {index_n}</translation>
    </message>
    <message>
        <source>λ = Beta⁻¹(u = {u_held}; α = {alpha}) = {lam}   (held)</source>
        <translation>λ = Beta⁻¹(u = {u_held}; α = {alpha}) = {lam}   （保持）</translation>
    </message>
    <message>
        <source>λ ~ Beta(α, α), α = {alpha}:  λ = {lam}</source>
        <translation>λ ~ Beta(α, α)，α = {alpha}：λ = {lam}</translation>
    </message>
    <message>
        <source>source {k}: λ = {lam_k}, box {box_k}, pasted over the earlier ones</source>
        <translation>来源 {k}：λ = {lam_k}，框 {box_k}，覆盖在先前的框之上</translation>
    </message>
    <message>
        <source>visible shares (from the final source map):</source>
        <translation>可见占比（由最终的来源图计算）：</translation>
    </message>
    <message>
        <source>source {k}</source>
        <translation>来源 {k}</translation>
    </message>
    <message>
        <source>box = [{x1}, {x2}) × [{y1}, {y2}) = {box_w} × {box_h} = {area} px</source>
        <translation>框 = [{x1}, {x2}) × [{y1}, {y2}) = {box_w} × {box_h} = {area} 像素</translation>
    </message>
    <message>
        <source>clipped: the unclipped box [{ux1}, {ux2}) × [{uy1}, {uy2}) reaches outside the image</source>
        <translation>截断：未截断的框 [{ux1}, {ux2}) × [{uy1}, {uy2}) 超出了图像</translation>
    </message>
    <message>
        <source>λ_adj = 1 − area/(W·H) = 1 − {area}/{WH} = {lam_adj}</source>
        <translation>λ_adj = 1 − 面积/(W·H) = 1 − {area}/{WH} = {lam_adj}</translation>
    </message>
    <message>
        <source>weight of A ({who}) = {weight_formula} = {weight_exact}</source>
        <translation>A 的权重（{who}）= {weight_formula} = {weight_exact}</translation>
    </message>
    <message>
        <source>A&apos;s visible share</source>
        <translation>A 的可见占比</translation>
    </message>
    <message>
        <source>   (set by hand; {name} reports {default_weight} by default)</source>
        <translation>   （手动设置；{name} 默认报告 {default_weight}）</translation>
    </message>
    <message>
        <source>the reported weight differs from the true pixel share λ_adj by {diff}</source>
        <translation>报告的权重与真实像素占比 λ_adj 相差 {diff}</translation>
    </message>
    <message>
        <source>A and B are the same image: it is mixed with itself</source>
        <translation>A 和 B 是同一张图像：它与自身混合</translation>
    </message>
    <message>
        <source>Tile size s</source>
        <translation>图块边长 s</translation>
    </message>
    <message>
        <source>Mosaic: each image is resized to long side s and placed on a 2s × 2s canvas (Ultralytics&apos; imgsz)</source>
        <translation>Mosaic：每张图像缩放到长边为 s，再放到 2s × 2s 的画布上（Ultralytics 的 imgsz）</translation>
    </message>
    <message>
        <source>Candidate cuts</source>
        <translation>候选切块</translation>
    </message>
    <message>
        <source>Ultralytics CutMix: the cuts drawn; one that overlaps none of A&apos;s boxes is pasted</source>
        <translation>Ultralytics CutMix：抽取的切块数；粘贴其中一个不与 A 的任何框重叠的切块</translation>
    </message>
    <message>
        <source>Ultralytics CutMix: a cut among num_areas candidates that overlaps none of A&apos;s boxes</source>
        <translation>Ultralytics CutMix：在 num_areas 个候选中选一个不与 A 的任何框重叠的切块</translation>
    </message>
    <message>
        <source>{num_areas} candidate cuts, each: λ ~ Beta(α, α), cut = int(side·√(1−λ)), centre = randint(side)</source>
        <translation>{num_areas} 个候选切块，每个：λ ~ Beta(α, α)，切块 = int(边长·√(1−λ))，中心 = randint(边长)</translation>
    </message>
    <message>
        <source>candidates: {candidates}</source>
        <translation>候选：{candidates}</translation>
    </message>
    <message>
        <source>pasted: candidate {chosen_n}, at random among those that overlap none of A&apos;s boxes (all, without boxes)</source>
        <translation>粘贴：候选 {chosen_n}，从不与 A 的任何框重叠的候选中随机选出（没有框时为全部候选）</translation>
    </message>
    <message>
        <source>B&apos;s boxes stay when ≥ 10 % of each lies in the cut (1 % with segments), clipped to it</source>
        <translation>B 的框有 ≥ 10 % 位于切块内时保留（有分割时为 1 %），并截断到切块</translation>
    </message>
    <message>
        <source>λ_adj (Ultralytics weighs boxes, not class labels)</source>
        <translation>λ_adj（Ultralytics 为框加权，而不是类别标签）</translation>
    </message>
    <message>
        <source>Ultralytics mixes nothing here, the result is A as it is: {skipped}</source>
        <translation>Ultralytics 在此不做混合，结果就是原样的 A：{skipped}</translation>
    </message>
    <message>
        <source>Ultralytics CutMix</source>
        <translation>Ultralytics CutMix</translation>
    </message>
    <message>
        <source>cut {box}</source>
        <translation>切块 {box}</translation>
    </message>
    <message>
        <source>cut_w = int(W·√(1−λ)) = int({W} · {root}) = int({product_w}) = {cut_w}</source>
        <translation>cut_w = int(W·√(1−λ)) = int({W} · {root}) = int({product_w}) = {cut_w}</translation>
    </message>
    <message>
        <source>cut_h = int(H·√(1−λ)) = int({H} · {root}) = int({product_h}) = {cut_h}</source>
        <translation>cut_h = int(H·√(1−λ)) = int({H} · {root}) = int({product_h}) = {cut_h}</translation>
    </message>
    <message>
        <source>Box rule</source>
        <translation>框规则</translation>
    </message>
    <message>
        <source>Which boxes a mix keeps: all, or the rule of ultralytics, albumentations or torchvision</source>
        <translation>混合后保留哪些框：全部，或 ultralytics、albumentations、torchvision 的规则</translation>
    </message>
    <message>
        <source>Min side</source>
        <translation>最小边长</translation>
    </message>
    <message>
        <source>Ultralytics box_candidates: width and height must be &gt; this many px</source>
        <translation>Ultralytics box_candidates：宽和高须大于此像素数</translation>
    </message>
    <message>
        <source>Max aspect</source>
        <translation>最大宽高比</translation>
    </message>
    <message>
        <source>Ultralytics box_candidates: the aspect ratio must be &lt; this</source>
        <translation>Ultralytics box_candidates：宽高比须小于此值</translation>
    </message>
    <message>
        <source>Min area kept</source>
        <translation>最小保留面积</translation>
    </message>
    <message>
        <source>Ultralytics box_candidates: the box area kept must be &gt; this share</source>
        <translation>Ultralytics box_candidates：框保留的面积须大于此比例</translation>
    </message>
    <message>
        <source>Min in the cut</source>
        <translation>裁剪框内最小占比</translation>
    </message>
    <message>
        <source>Ultralytics CutMix: a pasted box stays when this share of it lies in the cut (0.01 with segments)</source>
        <translation>Ultralytics CutMix：粘贴来的框有此比例位于裁剪框内时保留（带分割时为 0.01）</translation>
    </message>
    <message>
        <source>Min visibility</source>
        <translation>最小可见度</translation>
    </message>
    <message>
        <source>Albumentations min_visibility: the share of the box that must stay visible</source>
        <translation>Albumentations min_visibility：框须保持可见的比例</translation>
    </message>
    <message>
        <source>Min area</source>
        <translation>最小面积</translation>
    </message>
    <message>
        <source>Albumentations and torchvision min_area: the box area after the mix, px²</source>
        <translation>Albumentations 与 torchvision 的 min_area：混合后框的面积，像素²</translation>
    </message>
    <message>
        <source>Min width</source>
        <translation>最小宽度</translation>
    </message>
    <message>
        <source>Albumentations min_width, px</source>
        <translation>Albumentations min_width，像素</translation>
    </message>
    <message>
        <source>Min height</source>
        <translation>最小高度</translation>
    </message>
    <message>
        <source>Albumentations min_height, px</source>
        <translation>Albumentations min_height，像素</translation>
    </message>
    <message>
        <source>Min size</source>
        <translation>最小尺寸</translation>
    </message>
    <message>
        <source>torchvision min_size: width and height after the mix, px</source>
        <translation>torchvision min_size：混合后的宽和高，像素</translation>
    </message>
    <message>
        <source>Keep all</source>
        <translation>全部保留</translation>
    </message>
    <message>
        <source>every object stays (the labels of both images concatenated), its box clipped to its visible part where one is left</source>
        <translation>每个目标都保留（两张图像的标注拼接在一起），框截断到其仍可见的部分</translation>
    </message>
    <message>
        <source>Ultralytics</source>
        <translation>Ultralytics</translation>
    </message>
    <message>
        <source>Ultralytics: a pasted box stays when &gt;= 10 % of it lies in the cut (CutMix, 8.3.120); others by box_candidates (w, h &gt; 2 px, area kept &gt; 10 %, aspect &lt; 100)</source>
        <translation>Ultralytics：粘贴来的框有 ≥ 10 % 位于裁剪框内时保留（CutMix，8.3.120）；其余按 box_candidates（宽、高 &gt; 2 像素，保留面积 &gt; 10 %，宽高比 &lt; 100）</translation>
    </message>
    <message>
        <source>Albumentations</source>
        <translation>Albumentations</translation>
    </message>
    <message>
        <source>Albumentations filter_bboxes: min_visibility, min_area, min_width, min_height (defaults 0, 0, 0, 0)</source>
        <translation>Albumentations filter_bboxes：min_visibility、min_area、min_width、min_height（默认 0、0、0、0）</translation>
    </message>
    <message>
        <source>torchvision v2</source>
        <translation>torchvision v2</translation>
    </message>
    <message>
        <source>torchvision v2 SanitizeBoundingBoxes: min_size 1, min_area 1, inside the image</source>
        <translation>torchvision v2 SanitizeBoundingBoxes：min_size 1，min_area 1，位于图像内</translation>
    </message>
    <message>
        <source>unchanged: equal to its image before mixing</source>
        <translation>未改变：与混合前的图像相同</translation>
    </message>
    <message>
        <source>CutMix-like: the rectangle {box} comes from #{partner}</source>
        <translation>类似 CutMix：矩形 {box} 来自 #{partner}</translation>
    </message>
    <message>
        <source>; pixels equal in both images allow it to reach {box_max}</source>
        <translation>；两幅图像中相同的像素使它最大可达 {box_max}</translation>
    </message>
    <message>
        <source> (it may touch the border: a clipped box)</source>
        <translation>（它可能触及边界：截断后的框）</translation>
    </message>
    <message>
        <source> (it touches the border: a clipped box)</source>
        <translation>（它触及边界：截断后的框）</translation>
    </message>
    <message>
        <source>a mask (as FMix makes) within {box} comes from #{partner}</source>
        <translation>{box} 内的掩码（如 FMix 所生成）来自 #{partner}</translation>
    </message>
    <message>
        <source>; the region is equal in {elements}, so the partner is ambiguous (#{partner}, whose class the target names)</source>
        <translation>；该区域在 {elements} 中都相同，因此配对样本不唯一（取 #{partner}，目标中出现的是它的类别）</translation>
    </message>
    <message>
        <source>; the region is equal in {elements}, so the partner is ambiguous (#{partner})</source>
        <translation>；该区域在 {elements} 中都相同，因此配对样本不唯一（取 #{partner}）</translation>
    </message>
    <message>
        <source>MixUp-like: a blend with #{partner}, lam {lam} ({arithmetic})</source>
        <translation>类似 MixUp：与 #{partner} 的混合，λ {lam}（{arithmetic}）</translation>
    </message>
    <message>
        <source>; {arithmetic}</source>
        <translation>；{arithmetic}</translation>
    </message>
    <message>
        <source>{pixels} pixels differ from the image before mixing and do not all come from one other element</source>
        <translation>{pixels} 个像素与混合前的图像不同，且并非全部来自同一个其他元素</translation>
    </message>
    <message>
        <source>, and no blend with one other element fits (best #{best}, RMS {rms})</source>
        <translation>，也没有与单个其他元素的混合能吻合（最接近的是 #{best}，RMS {rms}）</translation>
    </message>
    <message>
        <source>, and no blend with {elements} fits (the search of every other element was skipped in a batch this large)</source>
        <translation>，与 {elements} 的混合也都不吻合（批次太大，未搜索其余每个元素）</translation>
    </message>
    <message>
        <source>: were other transforms applied after mixing (flip, crop, colour, normalisation)?</source>
        <translation>：混合之后是否还做了其他变换（翻转、裁剪、颜色、归一化）？</translation>
    </message>
    <message>
        <source>#{element}</source>
        <translation>#{element}</translation>
    </message>
    <message>
        <source>, #{element}</source>
        <translation>、#{element}</translation>
    </message>
    <message>
        <source> and #{element}</source>
        <translation> 和 #{element}</translation>
    </message>
    <message>
        <source>half, lam rounded to half (torch 1.13)</source>
        <translation>half，λ 舍入为 half（torch 1.13）</translation>
    </message>
    <message>
        <source>half, lam in float32 (current torch)</source>
        <translation>half，λ 为 float32（当前 torch）</translation>
    </message>
    <message>
        <source>half, lam and 1 - lam in float32 (timm elem mode)</source>
        <translation>half，λ 与 1 - λ 为 float32（timm elem 模式）</translation>
    </message>
    <message>
        <source>bfloat16, lam rounded to bfloat16 (torch 1.13)</source>
        <translation>bfloat16，λ 舍入为 bfloat16（torch 1.13）</translation>
    </message>
    <message>
        <source>bfloat16, lam in float32 (current torch)</source>
        <translation>bfloat16，λ 为 float32（当前 torch）</translation>
    </message>
    <message>
        <source>bfloat16, lam and 1 - lam in float32 (timm elem mode)</source>
        <translation>bfloat16，λ 与 1 - λ 为 float32（timm elem 模式）</translation>
    </message>
    <message>
        <source>float64</source>
        <translation>float64</translation>
    </message>
    <message>
        <source>float32 (timm, torchvision)</source>
        <translation>float32（timm、torchvision）</translation>
    </message>
    <message>
        <source>float32, 1 - lam in float32 (timm elem mode)</source>
        <translation>float32，1 - λ 为 float32（timm elem 模式）</translation>
    </message>
    <message>
        <source>rounded to nearest</source>
        <translation>四舍五入到最近整数</translation>
    </message>
    <message>
        <source>rounded, not to nearest</source>
        <translation>取整，但不是到最近整数</translation>
    </message>
    <message>
        <source>a blend within 4 units in the last place, but not bit for bit under timm&apos;s or torchvision&apos;s arithmetic</source>
        <translation>误差在末位 4 个单位以内的混合，但与 timm 或 torchvision 的算术并非逐位一致</translation>
    </message>
    <message>
        <source>; the target is the label smoothed twice</source>
        <translation>；目标是平滑了两次的标签</translation>
    </message>
    <message>
        <source>; the pixels are mixed with an element of the same class, but the target gives {weight} to class {class}</source>
        <translation>；像素与同一类别的元素混合，但目标给类别 {class} 的权重为 {weight}</translation>
    </message>
    <message>
        <source>; the pixels are unchanged, but the target gives {weight} to class {class}</source>
        <translation>；像素未改变，但目标给类别 {class} 的权重为 {weight}</translation>
    </message>
    <message>
        <source> (the class of #{element})</source>
        <translation>（#{element} 的类别）</translation>
    </message>
    <message>
        <source>; the pixels are mixed with #{partner} ({class}), but the target is the element&apos;s own label alone</source>
        <translation>；像素与 #{partner}（{class}）混合，但目标只是该元素自己的标签</translation>
    </message>
    <message>
        <source>; the target fits the label smoothed twice (smoothing {twice} instead of {smoothing})</source>
        <translation>；目标与平滑了两次的标签吻合（平滑 {twice} 而不是 {smoothing}）</translation>
    </message>
    <message>
        <source>; the pixels come from #{partner} ({partner_class}) but the target mixes in {class}</source>
        <translation>；像素来自 #{partner}（{partner_class}），但目标混入的是 {class}</translation>
    </message>
    <message>
        <source>, the class of #{element}</source>
        <translation>，即 #{element} 的类别</translation>
    </message>
    <message>
        <source>; the target is not a mix of its own class and its partner&apos;s (largest difference {difference})</source>
        <translation>；目标不是其自身类别与配对样本类别的混合（最大差值 {difference}）</translation>
    </message>
    <message>
        <source>; the target gives its own class {claimed} where the pixels give {share}</source>
        <translation>；目标给自身类别的权重为 {claimed}，而像素给出的是 {share}</translation>
    </message>
    <message>
        <source>: lam is applied to the partner&apos;s label, 1 - lam to its own</source>
        <translation>：λ 用在了配对样本的标签上，1 - λ 用在了自身标签上</translation>
    </message>
    <message>
        <source>: the weights of the element and its partner are swapped</source>
        <translation>：该元素与其配对样本的权重被交换了</translation>
    </message>
    <message>
        <source>: the weight is a lam rand_bbox could have drawn for this box, not the box&apos;s area (the box was clipped at the border); if the drawn lam is intended (timm&apos;s correct_lam=False), use --lam-rule drawn</source>
        <translation>：该权重是 rand_bbox 为此框可能抽到的 λ，而不是框的面积（框在边界处被截断）；如果有意使用抽到的 λ（timm 的 correct_lam=False），请把 λ 规则设为 drawn</translation>
    </message>
    <message>
        <source>: the weight is a lam rand_bbox could have drawn for this box, not the box&apos;s area (the box&apos;s sides were rounded to whole pixels); if the drawn lam is intended (timm&apos;s correct_lam=False), use --lam-rule drawn</source>
        <translation>：该权重是 rand_bbox 为此框可能抽到的 λ，而不是框的面积（框的边长被取整到整像素）；如果有意使用抽到的 λ（timm 的 correct_lam=False），请把 λ 规则设为 drawn</translation>
    </message>
    <message>
        <source>: the weight is the box&apos;s area (corrected), but --lam-rule drawn expects the lam drawn before the box was rounded and clipped; use --lam-rule corrected or any</source>
        <translation>：该权重是框的面积（已校正），但 λ 规则 drawn 要求的是框取整和截断之前抽到的 λ；请把 λ 规则设为 corrected 或 any</translation>
    </message>
    <message>
        <source>: the weight is the share of #{element} ({share}): the target was built with another element&apos;s lam</source>
        <translation>：该权重是 #{element} 的占比（{share}）：目标是用另一个元素的 λ 构造的</translation>
    </message>
    <message>
        <source>flip</source>
        <translation>flip</translation>
    </message>
    <message>
        <source>roll</source>
        <translation>roll</translation>
    </message>
    <message>
        <source>permutation</source>
        <translation>置换</translation>
    </message>
    <message>
        <source>none</source>
        <translation>未混合</translation>
    </message>
    <message>
        <source>unrecognised</source>
        <translation>无法识别</translation>
    </message>
    <message>
        <source>the target is the label smoothed twice</source>
        <translation>目标是平滑了两次的标签</translation>
    </message>
    <message>
        <source>the target mixes in another element&apos;s class than the element whose pixels were mixed in</source>
        <translation>目标混入的类别不属于像素被混入的那个元素</translation>
    </message>
    <message>
        <source>the pixels are mixed, but the target is the element&apos;s own label alone</source>
        <translation>像素已混合，但目标只是该元素自己的标签</translation>
    </message>
    <message>
        <source>MixUp&apos;s lam is applied to the partner&apos;s label and 1 - lam to the element&apos;s own</source>
        <translation>MixUp 的 λ 用在了配对样本的标签上，1 - λ 用在了该元素自己的标签上</translation>
    </message>
    <message>
        <source>the weights of the element and its partner are swapped</source>
        <translation>该元素与其配对样本的权重被交换了</translation>
    </message>
    <message>
        <source>the weight is the lam drawn before the box was rounded and clipped, not the box&apos;s share</source>
        <translation>权重是框取整和截断之前抽到的 λ，而不是框的占比</translation>
    </message>
    <message>
        <source>the weight is the box&apos;s share, but the lam rule expects the lam drawn before rounding</source>
        <translation>权重是框的占比，但 λ 规则要求取整之前抽到的 λ</translation>
    </message>
    <message>
        <source>the weight is another element&apos;s lam</source>
        <translation>权重是另一个元素的 λ</translation>
    </message>
    <message>
        <source>cutmix</source>
        <translation>CutMix</translation>
    </message>
    <message>
        <source>mixup</source>
        <translation>MixUp</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>掩码</translation>
    </message>
    <message>
        <source>unexplained</source>
        <translation>无法解释</translation>
    </message>
    <message>
        <source>agree</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>flagged</source>
        <translation>已标记</translation>
    </message>
    <message>
        <source>{n} elements: {agree} agree, {flagged} flagged, {unexplained} unexplained; partners {partners}; smoothing {smoothing} (inferred), tolerance {tolerance}, lam rule {lam_rule}</source>
        <translation>{n} 个元素：{agree} 个一致，{flagged} 个已标记，{unexplained} 个无法解释；配对 {partners}；平滑 {smoothing}（推断），容差 {tolerance}，λ 规则 {lam_rule}</translation>
    </message>
    <message>
        <source>{n} elements: {agree} agree, {flagged} flagged, {unexplained} unexplained; partners {partners}; smoothing {smoothing} (given), tolerance {tolerance}, lam rule {lam_rule}</source>
        <translation>{n} 个元素：{agree} 个一致，{flagged} 个已标记，{unexplained} 个无法解释；配对 {partners}；平滑 {smoothing}（给定），容差 {tolerance}，λ 规则 {lam_rule}</translation>
    </message>
    <message>
        <source>a normalised {dtype} batch, shown de-normalised with the mean and std in dump.json</source>
        <translation>归一化的 {dtype} 批次，按 dump.json 中的均值和标准差反归一化后显示</translation>
    </message>
    <message>
        <source>a {dtype} batch without mean and std, shown with its range [{lo}, {hi}] mapped to black and white</source>
        <translation>没有均值和标准差的 {dtype} 批次，其取值范围 [{lo}, {hi}] 映射为黑到白显示</translation>
    </message>
    <message>
        <source>Ultralytics Mosaic: four images around a random centre on a 2s × 2s canvas (cutmix mix and the window)</source>
        <translation>Ultralytics Mosaic：四张图像围绕一个随机中心放在 2s × 2s 的画布上（cutmix mix 和窗口）</translation>
    </message>
    <message>
        <source>each image resized to long side s = {mosaic_size}, its aspect kept (linear interpolation)</source>
        <translation>每张图像缩放到长边 s = {mosaic_size}，保持宽高比（线性插值）</translation>
    </message>
    <message>
        <source>canvas 2s × 2s = {canvas} × {canvas}, filled with 114</source>
        <translation>画布 2s × 2s = {canvas} × {canvas}，用 114 填充</translation>
    </message>
    <message>
        <source>centre xc = {xc}, yc = {yc}, each int(U({c_lo}, {c_hi}))</source>
        <translation>中心 xc = {xc}，yc = {yc}，各为 int(U({c_lo}, {c_hi}))</translation>
    </message>
    <message>
        <source>top left: A, {tile0} px, shows {place0}, share {share0}</source>
        <translation>左上：A，{tile0} 像素，显示于 {place0}，占比 {share0}</translation>
    </message>
    <message>
        <source>top right: B, {tile1} px, shows {place1}, share {share1}</source>
        <translation>右上：B，{tile1} 像素，显示于 {place1}，占比 {share1}</translation>
    </message>
    <message>
        <source>bottom left: C, {tile2} px, shows {place2}, share {share2}</source>
        <translation>左下：C，{tile2} 像素，显示于 {place2}，占比 {share2}</translation>
    </message>
    <message>
        <source>bottom right: D, {tile3} px, shows {place3}, share {share3}</source>
        <translation>右下：D，{tile3} 像素，显示于 {place3}，占比 {share3}</translation>
    </message>
    <message>
        <source>boxes move with their tile, are clipped to the canvas, and those of zero area are removed</source>
        <translation>框随所在的图块移动，在画布边界处截断，面积为零的框被移除</translation>
    </message>
    <message>
        <source>A&apos;s share of the tiles&apos; pixels (the fill not counted)</source>
        <translation>A 在各图块像素中的占比（不计填充）</translation>
    </message>
    <message>
        <source>Mosaic</source>
        <translation>Mosaic</translation>
    </message>
    <message>
        <source>centre ({xc}, {yc})</source>
        <translation>中心 ({xc}, {yc})</translation>
    </message>
    <message>
        <source>{share} inside the cut &lt; {limit}</source>
        <translation>切块内占 {share} &lt; {limit}</translation>
    </message>
    <message>
        <source>width {size} &lt;= {limit}</source>
        <translation>宽 {size} &lt;= {limit}</translation>
    </message>
    <message>
        <source>height {size} &lt;= {limit}</source>
        <translation>高 {size} &lt;= {limit}</translation>
    </message>
    <message>
        <source>{share} of the box area kept &lt;= {limit}</source>
        <translation>框面积保留 {share} &lt;= {limit}</translation>
    </message>
    <message>
        <source>aspect ratio {ratio} &gt;= {limit}</source>
        <translation>宽高比 {ratio} &gt;= {limit}</translation>
    </message>
    <message>
        <source>area before {area} px² &lt; 1 px²</source>
        <translation>混合前面积 {area} px² &lt; 1 px²</translation>
    </message>
    <message>
        <source>area {area} px² &lt; min_area {limit} px²</source>
        <translation>面积 {area} px² &lt; min_area {limit} px²</translation>
    </message>
    <message>
        <source>{share} visible &lt; {limit}</source>
        <translation>可见 {share} &lt; {limit}</translation>
    </message>
    <message>
        <source>width {size} &lt; {limit}</source>
        <translation>宽 {size} &lt; {limit}</translation>
    </message>
    <message>
        <source>height {size} &lt; {limit}</source>
        <translation>高 {size} &lt; {limit}</translation>
    </message>
    <message>
        <source>width {size} &lt; min_size {limit}</source>
        <translation>宽 {size} &lt; min_size {limit}</translation>
    </message>
    <message>
        <source>height {size} &lt; min_size {limit}</source>
        <translation>高 {size} &lt; min_size {limit}</translation>
    </message>
    <message>
        <source>a coordinate &lt; 0</source>
        <translation>有坐标 &lt; 0</translation>
    </message>
    <message>
        <source>beyond the image</source>
        <translation>超出图像</translation>
    </message>
    <message>
        <source>outside the image</source>
        <translation>在图像之外</translation>
    </message>
    <message>
        <source>kept with nothing visible ({rule})</source>
        <translation>无可见部分仍保留（{rule}）</translation>
    </message>
    <message>
        <source>clipped to its visible part, {share} visible</source>
        <translation>截断到可见部分，可见 {share}</translation>
    </message>
    <message>
        <source>; box {box} (class {class}) is kept, but its object is {visible} visible (less than {min}): a label for an object that is not there</source>
        <translation>；第 {box} 个框（类别 {class}）被保留，但其目标只有 {visible} 可见（少于 {min}）：为不存在的目标打了标签</translation>
    </message>
    <message>
        <source>; object {object} of #{element} (class {class}) is {visible} visible, but has no box: a visible object with no box</source>
        <translation>；#{element} 的第 {object} 个目标（类别 {class}）有 {visible} 可见，却没有框：可见的目标没有框</translation>
    </message>
    <message>
        <source>; box {box} (class {class}) at {at} matches no object: a box no object explains</source>
        <translation>；位于 {at} 的第 {box} 个框（类别 {class}）不与任何目标匹配：没有目标能解释的框</translation>
    </message>
    <message>
        <source> (it is box {object} of #{element} before the mix, unmoved)</source>
        <translation>（它是混合前 #{element} 的第 {object} 个框，未移动）</translation>
    </message>
    <message>
        <source>; the boxes cannot be judged: the pixels are unexplained</source>
        <translation>；无法判断这些框：像素无法解释</translation>
    </message>
    <message>
        <source>a label for an object that is not there: a kept box whose object is hardly visible</source>
        <translation>为不存在的目标打了标签：保留的框所对应的目标几乎不可见</translation>
    </message>
    <message>
        <source>a visible object with no box</source>
        <translation>可见的目标没有框</translation>
    </message>
    <message>
        <source>a box no object explains: not moved, not clipped, or from another element</source>
        <translation>没有目标能解释的框：未移动、未截断，或来自另一个元素</translation>
    </message>
    <message>
        <source>share erased</source>
        <translation>擦除占比</translation>
    </message>
    <message>
        <source>share of the image erased</source>
        <translation>图像被擦除的占比</translation>
    </message>
    <message>
        <source>A&apos;s tile</source>
        <translation>A 的图块</translation>
    </message>
    <message>
        <source>B&apos;s tile</source>
        <translation>B 的图块</translation>
    </message>
    <message>
        <source>C&apos;s tile</source>
        <translation>C 的图块</translation>
    </message>
    <message>
        <source>D&apos;s tile</source>
        <translation>D 的图块</translation>
    </message>
    <message>
        <source>a tile&apos;s share of the tiles&apos; pixels</source>
        <translation>图块在各图块像素中的占比</translation>
    </message>
    <message>
        <source>τ drawn (patch scale)</source>
        <translation>抽取的 τ（补丁比例）</translation>
    </message>
    <message>
        <source>pasted area share (B&apos;s weight)</source>
        <translation>粘贴面积占比（B 的权重）</translation>
    </message>
    <message>
        <source>τ and the area share</source>
        <translation>τ 与面积占比</translation>
    </message>
    <message>
        <source>; object {object} of tile {tile} (class {class}) is {visible} visible, but has no box: a visible object with no box</source>
        <translation>；图块 {tile} 的第 {object} 个目标（类别 {class}）有 {visible} 可见，却没有框：可见的目标没有框</translation>
    </message>
    <message>
        <source> (it is box {object} of tile {tile} before the mosaic, at its place in the tile: not moved with its tile)</source>
        <translation>（它是拼接前图块 {tile} 的第 {object} 个框，仍在它在图块中的位置：没有随图块移动）</translation>
    </message>
    <message>
        <source>Mosaic: the tiles placed around the centre ({xc}, {yc}): top left {t0}, top right {t1}, bottom left {t2}, bottom right {t3}</source>
        <translation>Mosaic：图块围绕中心 ({xc}, {yc}) 放置：左上 {t0}，右上 {t1}，左下 {t2}，右下 {t3}</translation>
    </message>
    <message>
        <source>; {count} centres reproduce the pixels, and the boxes are judged at the one that flags fewest</source>
        <translation>；{count} 个中心都能重现这些像素，框按标记最少的那个中心判断</translation>
    </message>
    <message>
        <source>Mosaic: no centre places the four tiles as _mosaic4 does to give these pixels: unexplained; the boxes cannot be judged</source>
        <translation>Mosaic：没有哪个中心能像 _mosaic4 那样放置四个图块而得到这些像素：无法解释；框无法判断</translation>
    </message>
    <message>
        <source>Mosaic: more than {most} centres reproduce the pixels (flat tiles): unexplained; the boxes cannot be judged</source>
        <translation>Mosaic：超过 {most} 个中心都能重现这些像素（图块是纯色）：无法解释；框无法判断</translation>
    </message>
    <message>
        <source>Mosaic samples: {n}; {agree} agree, {flagged} flagged, {unexplained} unexplained; min visibility {min}</source>
        <translation>Mosaic 样本：{n}；{agree} 一致，{flagged} 已标记，{unexplained} 无法解释；最小可见度 {min}</translation>
    </message>
    <message>
        <source>a Mosaic tile&apos;s box left where it lay in the tile: not moved with its tile</source>
        <translation>Mosaic 图块的框留在它在图块中的位置：没有随图块移动</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AnimationDialog</name>
    <message>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>α, the draw held (log-spaced)</source>
        <translation>α，保持抽样不变（对数间隔）</translation>
    </message>
    <message>
        <source>a run of draws</source>
        <translation>一串抽样</translation>
    </message>
    <message>
        <source>λ itself</source>
        <translation>λ 本身</translation>
    </message>
    <message>
        <source>the image&apos;s</source>
        <translation>原图尺寸</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>the box</source>
        <translation>框</translation>
    </message>
    <message>
        <source>the map of sources</source>
        <translation>像素来源图</translation>
    </message>
    <message>
        <source>the numbers as a caption</source>
        <translation>数值说明文字</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>Width</source>
        <translation>宽度</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <source>Save the animation</source>
        <translation>保存动画</translation>
    </message>
    <message>
        <source>%1 frames at %2 per second: %3 s, starting from seed %4, index %5.</source>
        <translation>%1 帧，每秒 %2 帧：%3 秒，从种子 %4、索引 %5 开始。</translation>
    </message>
    <message>
        <source>Open two images first.</source>
        <translation>请先打开两张图像。</translation>
    </message>
    <message>
        <source>Rendering the animation...</source>
        <translation>正在渲染动画...</translation>
    </message>
    <message>
        <source>%1 mixes %2 images on a canvas of its own: an animation sweeps a pair. Choose another method to export one.</source>
        <translation>%1 把 %2 张图像混合到它自己的画布上：动画只扫过一个图像对。请选择其他方法再导出动画。</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AuditDetail</name>
    <message>
        <source>#%1 before</source>
        <translation>#%1 混合前</translation>
    </message>
    <message>
        <source>partner #%1 before</source>
        <translation>配对样本 #%1 混合前</translation>
    </message>
    <message>
        <source>no partner found</source>
        <translation>未找到配对样本</translation>
    </message>
    <message>
        <source>#%1 after</source>
        <translation>#%1 混合后</translation>
    </message>
    <message>
        <source>#%1 %2: the mosaic, each tile&apos;s place outlined</source>
        <translation>#%1 %2：Mosaic 画布，每个图块的位置已框出</translation>
    </message>
    <message>
        <source>tile 0, top left</source>
        <translation>图块 0，左上</translation>
    </message>
    <message>
        <source>tile 1, top right</source>
        <translation>图块 1，右上</translation>
    </message>
    <message>
        <source>tile 2, bottom left</source>
        <translation>图块 2，左下</translation>
    </message>
    <message>
        <source>tile 3, bottom right</source>
        <translation>图块 3，右下</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AuditModel</name>
    <message>
        <source>Open a batch dump folder.</source>
        <translation>请打开一个批次转储文件夹。</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2&lt;/b&gt; (%3, class %4): &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>&lt;b&gt;#%1 %2&lt;/b&gt;（%3，类别 %4）：&lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Share of its own image: %1</source>
        <translation>&lt;br&gt;自身图像所占比例：%1</translation>
    </message>
    <message>
        <source> (%1 pixels are equal in both sources and count both ways)</source>
        <translation>（%1 个像素在两个来源中相同，两边都计入）</translation>
    </message>
    <message>
        <source>; from #%1: %2</source>
        <translation>；来自 #%1：%2</translation>
    </message>
    <message>
        <source>&lt;br&gt;Ambiguous partner: the region is equal in %1</source>
        <translation>&lt;br&gt;配对样本不确定：该区域在 %1 中相同</translation>
    </message>
    <message>
        <source>&lt;br&gt;The target gives its own class: %1 (tolerance %2, lam rule %3)</source>
        <translation>&lt;br&gt;目标给自身类别：%1（容差 %2，λ 规则 %3）</translation>
    </message>
    <message>
        <source>, cause &lt;code&gt;%1&lt;/code&gt;: %2</source>
        <translation>，原因 &lt;code&gt;%1&lt;/code&gt;：%2</translation>
    </message>
    <message>
        <source>&lt;b&gt;#%1 %2&lt;/b&gt; (Mosaic sample): &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>&lt;b&gt;#%1 %2&lt;/b&gt;（Mosaic 样本）：&lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;br&gt;Boxes after the mosaic: %1, not judged</source>
        <translation>&lt;br&gt;Mosaic 之后的框：%1 个，未判断</translation>
    </message>
    <message>
        <source>&lt;br&gt;Objects: %1 kept, %2 dropped, %3 flagged (minimum visibility %4)</source>
        <translation>&lt;br&gt;目标：%1 个保留，%2 个丢弃，%3 个已标记（最小可见度 %4）</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AuditTiles</name>
    <message>
        <source>Open a batch dump: a folder with before/, after/, labels.csv and targets.csv.</source>
        <translation>打开一个批次转储：含 before/、after/、labels.csv 和 targets.csv 的文件夹。</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AuditWatch</name>
    <message>
        <source>&apos;%1&apos;: not a folder to watch</source>
        <translation>“%1”：不是可监视的文件夹</translation>
    </message>
    <message>
        <source>%1: a dump of Mosaic samples; watching follows batch dumps only: open it with Open dump…</source>
        <translation>%1：这是 Mosaic 样本的转储；监视只跟踪批次转储：请用“打开转储…”打开它</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::AuditWindow</name>
    <message>
        <source>Open dump…</source>
        <translation>打开转储…</translation>
    </message>
    <message>
        <source>Watch folder…</source>
        <translation>监视文件夹…</translation>
    </message>
    <message>
        <source>Follow the dumps a training run writes (python/cutmix_dump.py Recorder)</source>
        <translation>跟踪训练过程写出的转储（python/cutmix_dump.py 的 Recorder）</translation>
    </message>
    <message>
        <source>How far a target may lie outside the measured share</source>
        <translation>目标值允许偏离实测占比的范围</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>The label smoothing your pipeline applies (unticked: inferred from the targets)</source>
        <translation>你的训练流程所用的标签平滑（不勾选：由目标推断）</translation>
    </message>
    <message>
        <source>Which CutMix weight the targets carry: corrected (the pasted box&apos;s share: timm&apos;s correct_lam=True, torchvision), drawn (the lam drawn before the box was rounded and clipped: timm&apos;s correct_lam=False), or any</source>
        <translation>目标采用哪种 CutMix 权重：校正值（粘贴框的实际占比：timm 的 correct_lam=True、torchvision）、抽样值（框取整和截断之前抽到的 λ：timm 的 correct_lam=False），或任一种</translation>
    </message>
    <message>
        <source>Auditing: %v of %m elements</source>
        <translation>正在审计：%m 个元素中的第 %v 个</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>Lam rule</source>
        <translation>λ 规则</translation>
    </message>
    <message>
        <source>The dumps of the watched run: call number and verdict; click one to show it</source>
        <translation>所监视训练的转储：调用序号与结论；点击可查看</translation>
    </message>
    <message>
        <source>The audit was cancelled.</source>
        <translation>审计已取消。</translation>
    </message>
    <message>
        <source>Shown as %1.</source>
        <translation>显示为 %1。</translation>
    </message>
    <message>
        <source>Batch dump folder (before/, after/, labels.csv, targets.csv)</source>
        <translation>批次转储文件夹（before/、after/、labels.csv、targets.csv）</translation>
    </message>
    <message>
        <source>Folder of a training run&apos;s dumps (000000/, 000100/, …)</source>
        <translation>训练转储所在文件夹（000000/、000100/、…）</translation>
    </message>
    <message>
        <source>Audit of a batch dump</source>
        <translation>批次转储审计</translation>
    </message>
    <message>
        <source>Watching %1</source>
        <translation>正在监视 %1</translation>
    </message>
    <message>
        <source>Min visibility</source>
        <translation>最小可见度</translation>
    </message>
    <message>
        <source>Boxes: a kept box whose object is less than this share visible is flagged, and so is an object at least this visible without a box</source>
        <translation>框：保留的框若其目标的可见比例低于此值则被标记；可见比例至少为此值却没有框的目标也被标记</translation>
    </message>
    <message>
        <source>Audit of Mosaic samples</source>
        <translation>Mosaic 样本审计</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::BatchModel</name>
    <message>
        <source>%1 (%2 images, %3 classes): batches of %4 in a seeded order</source>
        <translation>%1（%2 张图像，%3 个类别）：按种子确定的顺序，每批 %4 张</translation>
    </message>
    <message>
        <source>%1 images, %2 classes</source>
        <translation>%1 张图像，%2 个类别</translation>
    </message>
    <message>
        <source>Open images or a dataset to make a batch.</source>
        <translation>打开图像或数据集以组成批次。</translation>
    </message>
    <message>
        <source>The images cannot be used.</source>
        <translation>这些图像无法使用。</translation>
    </message>
    <message>
        <source>%1 of %2 mixed (%3 CutMix, %4 MixUp)</source>
        <translation>%2 个中混合了 %1 个（%3 个 CutMix，%4 个 MixUp）</translation>
    </message>
    <message>
        <source>, %1 with itself</source>
        <translation>，%1 个与自身混合</translation>
    </message>
    <message>
        <source>, %1 with pixels and labels from different partners</source>
        <translation>，%1 个的像素与标签来自不同的配对样本</translation>
    </message>
    <message>
        <source>There is no such element in the batch.</source>
        <translation>批次中没有这个元素。</translation>
    </message>
    <message>
        <source>Element #%1 is not mixed in this batch: its draw decided not to mix.</source>
        <translation>元素 #%1 在此批次中未混合：它的抽样决定不混合。</translation>
    </message>
    <message>
        <source>The pair view refused the element&apos;s draw.</source>
        <translation>图像对视图拒绝了该元素的抽样。</translation>
    </message>
    <message>
        <source>B&apos;s pixels come from #%1 (%2), but the target mixes in the class of #%3 (%4): the pair view labels B %4, as the target does.</source>
        <translation>B 的像素来自 #%1（%2），但目标混入的是 #%3（%4）的类别：图像对视图按目标把 B 标为 %4。</translation>
    </message>
    <message>
        <source>a batch has at least one image</source>
        <translation>一个批次至少要有一张图像</translation>
    </message>
    <message>
        <source>%1 of %2 boxes kept (%3)</source>
        <translation>%2 个框中保留 %1 个（%3）</translation>
    </message>
    <message>
        <source>%1 (%2 images, %3 object classes, %4): batches of %5 in a seeded order</source>
        <translation>%1（%2 张图像，%3 个目标类别，%4）：按种子确定的顺序，每批 %5 张</translation>
    </message>
    <message>
        <source>YOLO labels</source>
        <translation>YOLO 标注</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::BatchTiles</name>
    <message>
        <source>&lt;br&gt;&lt;i&gt;Click: open this pair in the pair view&lt;/i&gt;</source>
        <translation>&lt;br&gt;&lt;i&gt;点击：在图像对视图中打开这一对&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::BatchWindow</name>
    <message>
        <source>&lt;b&gt;Targets&lt;/b&gt; (one row per element, one column per class; hover for the exact value; the last row is each class&apos;s total over the batch)</source>
        <translation>&lt;b&gt;目标&lt;/b&gt;（每行一个元素，每列一个类别；悬停查看精确值；最后一行是各类别在整个批次上的总和）</translation>
    </message>
    <message>
        <source>New draw</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Images…</source>
        <translation>图像…</translation>
    </message>
    <message>
        <source>Choose the images of the batch, in order (several at once)</source>
        <translation>按顺序选择批次的图像（可多选）</translation>
    </message>
    <message>
        <source>Dataset…</source>
        <translation>数据集…</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>The six bundled images</source>
        <translation>自带的六张图像</translation>
    </message>
    <message>
        <source>Images per batch when the batch comes from a dataset</source>
        <translation>批次取自数据集时每批的图像数</translation>
    </message>
    <message>
        <source>Dataset batch size</source>
        <translation>数据集批大小</translation>
    </message>
    <message>
        <source>Resize to</source>
        <translation>缩放到</translation>
    </message>
    <message>
        <source>Bring every image to this size (otherwise to the first image&apos;s size), as a training batch</source>
        <translation>像训练批次那样把每张图像缩放到此尺寸（否则缩放到第一张图像的尺寸）</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>New draw (Space)</source>
        <translation>重新抽样（空格）</translation>
    </message>
    <message>
        <source>Previous batch (Alt+Left)</source>
        <translation>上一批次（Alt+左）</translation>
    </message>
    <message>
        <source>Next batch seen (Alt+Right)</source>
        <translation>下一批次（Alt+右）</translation>
    </message>
    <message>
        <source>the recipe&apos;s rule (%1)</source>
        <translation>配方的规则（%1）</translation>
    </message>
    <message>
        <source>Click a tile to see its element in the pair view; hover the matrix for values.</source>
        <translation>点击图块可在图像对视图中查看该元素；悬停矩阵查看数值。</translation>
    </message>
    <message>
        <source>Images of the batch</source>
        <translation>批次的图像</translation>
    </message>
    <message>
        <source>A class-folder dataset, a folder of images, or a detection dataset (images/ and labels/, or annotations.json) whose boxes are judged by the Objects panel&apos;s rule: each batch takes the next images of a seeded order</source>
        <translation>按类别分文件夹的数据集、一个图像文件夹，或一个检测数据集（images/ 和 labels/，或 annotations.json），其框按“目标”面板的规则判定：每个批次依种子确定的顺序取接下来的图像</translation>
    </message>
    <message>
        <source>A dataset (one folder per class, a detection dataset) or a folder of images</source>
        <translation>数据集（每个类别一个文件夹，或检测数据集）或一个图像文件夹</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::BetaChart</name>
    <message>
        <source>Beta(α, α) density</source>
        <translation>Beta(α, α) 密度</translation>
    </message>
    <message>
        <source>Uniform density of the patch scale τ</source>
        <translation>补丁比例 τ 的均匀分布密度</translation>
    </message>
    <message>
        <source>(nothing drawn)</source>
        <translation>（无抽样）</translation>
    </message>
    <message>
        <source>τ drawn = %1</source>
        <translation>抽到的 τ = %1</translation>
    </message>
    <message>
        <source>weight of A = %1</source>
        <translation>A 的权重 = %1</translation>
    </message>
    <message>
        <source>λ drawn = %1</source>
        <translation>抽到的 λ = %1</translation>
    </message>
    <message>
        <source>Beta(α, α): not used by %1</source>
        <translation>Beta(α, α)：%1 不使用</translation>
    </message>
    <message>
        <source>%1 draws no weight: only a position</source>
        <translation>%1 不抽取权重：只抽取一个位置</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::CompareDialog</name>
    <message>
        <source>Compare methods</source>
        <translation>比较方法</translation>
    </message>
    <message>
        <source>One λ for all</source>
        <translation>统一 λ</translation>
    </message>
    <message>
        <source>The paper&apos;s figure shows every method with one λ; unticked, each uses the drawn λ</source>
        <translation>论文中的图对所有方法使用同一个 λ；不勾选时各自使用抽到的 λ</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>保存...</translation>
    </message>
    <message>
        <source>Save the figure</source>
        <translation>保存图</translation>
    </message>
    <message>
        <source>PNG (*.png);;JPEG (*.jpg);;PDF for print (*.pdf)</source>
        <translation>PNG (*.png);;JPEG (*.jpg);;用于打印的 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Tick at least one panel.</source>
        <translation>请至少勾选一个面板。</translation>
    </message>
    <message>
        <source>Saved %1 (%2 × %3 px)</source>
        <translation>已保存 %1（%2 × %3 像素）</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::ExportDialog</name>
    <message>
        <source>Export a dataset</source>
        <translation>导出数据集</translation>
    </message>
    <message>
        <source>folder with one subfolder per class, or a CSV/TSV list</source>
        <translation>每个类别一个子文件夹的文件夹，或 CSV/TSV 列表</translation>
    </message>
    <message>
        <source>an empty folder (or a previous run to finish)</source>
        <translation>一个空文件夹（或要续完的上次导出）</translation>
    </message>
    <message>
        <source>Folder...</source>
        <translation>文件夹...</translation>
    </message>
    <message>
        <source>A folder with one subfolder of images per class</source>
        <translation>每个类别一个图像子文件夹的文件夹</translation>
    </message>
    <message>
        <source>List...</source>
        <translation>列表...</translation>
    </message>
    <message>
        <source>A CSV or TSV file of path,label lines</source>
        <translation>由“路径,标签”行组成的 CSV 或 TSV 文件</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Choose a list of images</source>
        <translation>选择图像列表</translation>
    </message>
    <message>
        <source>Lists (*.csv *.tsv *.txt);;All files (*)</source>
        <translation>列表 (*.csv *.tsv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>A&apos;s size</source>
        <translation>A 的尺寸</translation>
    </message>
    <message>
        <source>Image files (images/000123.jpg)</source>
        <translation>图像文件（images/000123.jpg）</translation>
    </message>
    <message>
        <source>WebDataset tar shards (shards/000000.tar)</source>
        <translation>WebDataset tar 分片（shards/000000.tar）</translation>
    </message>
    <message>
        <source>WebDataset: tar shards of a number of samples each, every sample as its image, its draw record (.json) and A&apos;s class (.cls)</source>
        <translation>WebDataset：每个 tar 分片含若干样本，每个样本包括图像、抽样记录（.json）和 A 的类别（.cls）</translation>
    </message>
    <message>
        <source> samples per shard</source>
        <translation> 个样本/分片</translation>
    </message>
    <message>
        <source>Export into a non-empty folder (its files are kept)</source>
        <translation>导出到非空文件夹（保留其中的文件）</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Pairing</source>
        <translation>配对方式</translation>
    </message>
    <message>
        <source>Layout</source>
        <translation>布局</translation>
    </message>
    <message>
        <source>Shards</source>
        <translation>分片</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>正在导出...</translation>
    </message>
    <message>
        <source>%1 %2 of %3 samples: %4 written, %5 drew an input again, %6 s.</source>
        <translation>%1 %3 个样本中的 %2 个：写出 %4 个，%5 个重新抽取了输入，用时 %6 秒。</translation>
    </message>
    <message>
        <source>Stopped after</source>
        <translation>已停止，完成</translation>
    </message>
    <message>
        <source>Done:</source>
        <translation>已完成：</translation>
    </message>
    <message numerus="yes">
        <source>
%n unreadable file(s), for example %1</source>
        <translation>
            <numerusform>
%n 个无法读取的文件，例如 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>
Export again into the same folder to finish.</source>
        <translation>
再次导出到同一文件夹即可完成。</translation>
    </message>
    <message>
        <source>Classification: a soft label per sample</source>
        <translation>分类：每个样本一个软标签</translation>
    </message>
    <message>
        <source>Detection: images/ and labels/ (YOLO), or COCO</source>
        <translation>检测：images/ 与 labels/（YOLO），或 COCO</translation>
    </message>
    <message>
        <source>Segmentation: detection and masks/</source>
        <translation>分割：检测加 masks/</translation>
    </message>
    <message>
        <source>YOLO (labels/*.txt, data.yaml)</source>
        <translation>YOLO（labels/*.txt、data.yaml）</translation>
    </message>
    <message>
        <source>COCO (annotations.json)</source>
        <translation>COCO（annotations.json）</translation>
    </message>
    <message>
        <source>empty: labels/ beside images/</source>
        <translation>留空：使用 images/ 旁的 labels/</translation>
    </message>
    <message>
        <source>A COCO annotations file for the dataset&apos;s images (optional)</source>
        <translation>数据集图像的 COCO 标注文件（可选）</translation>
    </message>
    <message>
        <source>File...</source>
        <translation>文件...</translation>
    </message>
    <message>
        <source>Choose the COCO annotations</source>
        <translation>选择 COCO 标注</translation>
    </message>
    <message>
        <source>COCO (*.json);;All files (*)</source>
        <translation>COCO (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>folder with images/ and labels/ (YOLO)</source>
        <translation>含 images/ 与 labels/ 的文件夹（YOLO）</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Annotations</source>
        <translation>标注</translation>
    </message>
    <message>
        <source>Boxes written as</source>
        <translation>框的写出格式</translation>
    </message>
    <message>
        <source>Uses the window&apos;s parameters, seed and box rule (hover for the files written).</source>
        <translation>使用窗口的参数、种子和框规则（悬停查看写出的文件）。</translation>
    </message>
    <message>
        <source>The output folder gets images/ (or shards/), manifest.jsonl, labels.csv, classes.txt and run.json (for cutmix export --config); a detection export adds labels/ and data.yaml (or annotations.json), a segmentation export masks/ (instance masks when File &gt; Masks are instance masks is on).</source>
        <translation>输出文件夹包含 images/（或 shards/）、manifest.jsonl、labels.csv、classes.txt 和 run.json（供 cutmix export --config 使用）；检测导出另有 labels/ 和 data.yaml（或 annotations.json），分割导出另有 masks/（“文件 &gt; 标签掩码为实例掩码”开启时为实例掩码）。</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::GridDialog</name>
    <message>
        <source>Export sample grid</source>
        <translation>导出样本网格</translation>
    </message>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>Show A and B beside each result</source>
        <translation>在每个结果旁显示 A 和 B</translation>
    </message>
    <message>
        <source>Title with the parameters and seed</source>
        <translation>标题中写明参数和种子</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列数</translation>
    </message>
    <message>
        <source>Tile size</source>
        <translation>图块大小</translation>
    </message>
    <message>
        <source>Export...</source>
        <translation>导出...</translation>
    </message>
    <message>
        <source>Save the grid</source>
        <translation>保存网格</translation>
    </message>
    <message>
        <source>PNG (*.png);;JPEG (*.jpg);;PDF for print (*.pdf)</source>
        <translation>PNG (*.png);;JPEG (*.jpg);;用于打印的 PDF (*.pdf)</translation>
    </message>
    <message>
        <source>%1 tiles of %2 px, samples %3 to %4 of seed %5%6</source>
        <translation>%1 个 %2 像素的图块，种子 %5 的样本 %3 到 %4%6</translation>
    </message>
    <message>
        <source> (preview shows the first 4 x 4)</source>
        <translation>（预览只显示前 4 x 4 个）</translation>
    </message>
    <message>
        <source>Rendering the grid...</source>
        <translation>正在渲染网格...</translation>
    </message>
    <message>
        <source>Export grid</source>
        <translation>导出网格</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::LabelBars</name>
    <message>
        <source>Soft label</source>
        <translation>软标签</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::LabelChart</name>
    <message>
        <source>Copy label</source>
        <translation>复制标签</translation>
    </message>
    <message>
        <source>Copy the soft label as text</source>
        <translation>以文本形式复制软标签</translation>
    </message>
    <message>
        <source>%1 (class %2): %3</source>
        <translation>%1（类别 %2）：%3</translation>
    </message>
    <message>
        <source>each of %1 others</source>
        <translation>其余 %1 个类别各</translation>
    </message>
    <message>
        <source>each of the other %1 classes: %2</source>
        <translation>其余 %1 个类别各：%2</translation>
    </message>
    <message>
        <source>smoothing %1, K = %2, weight of A = %3</source>
        <translation>平滑 %1，K = %2，A 的权重 = %3</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::LamExplorer</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop drawing; what is counted stays</source>
        <translation>停止抽样；已统计的结果保留</translation>
    </message>
    <message>
        <source>How many draws (indices 0 to N-1 of the seed, as cutmix stats)</source>
        <translation>抽样次数（该种子的索引 0 到 N-1，与 cutmix stats 相同）</translation>
    </message>
    <message>
        <source>Draws</source>
        <translation>抽样次数</translation>
    </message>
    <message>
        <source>
Updating for the new parameters…</source>
        <translation>
正在按新参数更新…</translation>
    </message>
    <message>
        <source>
Could not draw: %1</source>
        <translation>
无法抽样：%1</translation>
    </message>
    <message>
        <source>
Drawing… %1 of %2</source>
        <translation>
正在抽样… %1 / %2</translation>
    </message>
    <message numerus="yes">
        <source>
Stopped at %n draws</source>
        <translation>
            <numerusform>
停在第 %n 次抽样</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cutmix::ui::Lesson</name>
    <message>
        <source>λ is drawn from Beta(α, α)</source>
        <translation>λ 从 Beta(α, α) 中抽取</translation>
    </message>
    <message>
        <source>From λ to the box</source>
        <translation>从 λ 到框</translation>
    </message>
    <message>
        <source>The centre, the border, and why A&apos;s weight is not λ</source>
        <translation>中心、边界，以及为什么 A 的权重不是 λ</translation>
    </message>
    <message>
        <source>The soft label and label smoothing</source>
        <translation>软标签与标签平滑</translation>
    </message>
    <message>
        <source>More than two sources, done right</source>
        <translation>两个以上来源的正确做法</translation>
    </message>
    <message>
        <source>The libraries disagree</source>
        <translation>各个库的结果不一致</translation>
    </message>
    <message>
        <source>A batch: flip or roll, and the target matrix</source>
        <translation>批次：flip 还是 roll，以及目标矩阵</translation>
    </message>
    <message>
        <source>An audit finds a swapped weight</source>
        <translation>审计发现被交换的权重</translation>
    </message>
    <message>
        <source>Drag α in Parameters from 0.2 to 4 and watch the density on the right.</source>
        <translation>在“参数”中把 α 从 0.2 拖到 4，观察右侧的密度曲线。</translation>
    </message>
    <message>
        <source>Press Space for new draws: the smaller λ, the larger the box.</source>
        <translation>按空格键重新抽样：λ 越小，框越大。</translation>
    </message>
    <message>
        <source>Press Space until the box touches the border, and compare λ with the weight of A in Numbers.</source>
        <translation>按空格键直到框碰到图像边界，然后在“数值”中比较 λ 与 A 的权重。</translation>
    </message>
    <message>
        <source>Set Label smoothing to 0.2 and watch both weights move towards 1/K.</source>
        <translation>把标签平滑设为 0.2，观察两个权重都向 1/K 靠拢。</translation>
    </message>
    <message>
        <source>Add a fourth image in Sources, or press Space: each weight is a share of the visible pixels.</source>
        <translation>在“来源”中添加第四张图像，或按空格键：每个权重都是可见像素的占比。</translation>
    </message>
    <message>
        <source>Switch the convention in Parameters between the libraries and watch the box and the weight.</source>
        <translation>在“参数”中切换各个库的约定，观察框和权重的变化。</translation>
    </message>
    <message>
        <source>Switch the recipe between timm and torchvision and watch the partners and the target matrix.</source>
        <translation>在 timm 与 torchvision 之间切换配方，观察配对样本和目标矩阵的变化。</translation>
    </message>
    <message>
        <source>Click the orange tile (flagged) and read why the audit flagged it.</source>
        <translation>点击橙色（已标记）图块，看看审计为什么标记了它。</translation>
    </message>
    <message>
        <source>The demo images could not be opened.</source>
        <translation>无法打开示例图像。</translation>
    </message>
    <message>
        <source>The batch view is not available.</source>
        <translation>批次视图不可用。</translation>
    </message>
    <message>
        <source>The demo batch could not be opened.</source>
        <translation>无法打开示例批次。</translation>
    </message>
    <message>
        <source>The audit view is not available.</source>
        <translation>审计视图不可用。</translation>
    </message>
    <message>
        <source>This batch has no element to swap.</source>
        <translation>这个批次中没有可以交换权重的元素。</translation>
    </message>
    <message>
        <source>&lt;p&gt;Each draw picks a weight λ between 0 and 1 from the Beta distribution with both parameters equal to α: the density on the right. λ is the share of image A the mix is meant to keep.&lt;/p&gt;</source>
        <translation>&lt;p&gt;每次抽样都从两个参数都等于 α 的 Beta 分布中取一个 0 到 1 之间的权重 λ，即右侧的密度曲线。λ 是混合后图像 A 应保留的占比。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;At α = %1, half of all draws fall between &lt;b&gt;%2&lt;/b&gt; and &lt;b&gt;%3&lt;/b&gt;, and one in ten below &lt;b&gt;%4&lt;/b&gt;. Below α = 1 the draws pile up near 0 and 1 (one image dominates); above it they gather around 0.5; at α = 1 every λ is equally likely. The CutMix paper uses α = 1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;当 α = %1 时，一半的抽样落在 &lt;b&gt;%2&lt;/b&gt; 与 &lt;b&gt;%3&lt;/b&gt; 之间，十分之一低于 &lt;b&gt;%4&lt;/b&gt;。α 小于 1 时，抽样集中在 0 和 1 附近（一张图像占主导）；大于 1 时集中在 0.5 附近；α = 1 时每个 λ 的可能性相同。CutMix 论文使用 α = 1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose CutMix (official) to see the box.&lt;/p&gt;</source>
        <translation>&lt;p&gt;选择 CutMix（official）以查看框。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The box takes the share 1 − λ of the image&apos;s area, so each side is the image&apos;s side times √(1 − λ).&lt;/p&gt;&lt;p&gt;This draw: λ = &lt;b&gt;%1&lt;/b&gt;, √(1 − λ) = %2.&lt;br&gt;cut_w = int(%3 · %2) = &lt;b&gt;%4&lt;/b&gt;, cut_h = int(%5 · %2) = &lt;b&gt;%6&lt;/b&gt;.&lt;br&gt;The box %7 is pasted from B into A.&lt;/p&gt;</source>
        <translation>&lt;p&gt;框占图像面积的 1 − λ，因此每条边等于图像的边长乘以 √(1 − λ)。&lt;/p&gt;&lt;p&gt;本次抽样：λ = &lt;b&gt;%1&lt;/b&gt;，√(1 − λ) = %2。&lt;br&gt;cut_w = int(%3 · %2) = &lt;b&gt;%4&lt;/b&gt;，cut_h = int(%5 · %2) = &lt;b&gt;%6&lt;/b&gt;。&lt;br&gt;框 %7 从 B 粘贴到 A 中。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The box&apos;s centre is uniform over the whole image, so near the border part of the box falls outside and is cut off. The pasted area is then smaller than 1 − λ, and A keeps more than λ: the official code recomputes the weight from the clipped box, λ_adj = 1 − box area / (W · H).&lt;/p&gt;</source>
        <translation>&lt;p&gt;框的中心在整张图像上均匀分布，因此靠近边界时框的一部分落在图像之外并被截断。粘贴的面积于是小于 1 − λ，A 保留的多于 λ：官方代码根据截断后的框重新计算权重，λ_adj = 1 − 框面积 / (W · H)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This draw: λ = %1, box %2 (%3), λ_adj = &lt;b&gt;%4&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;本次抽样：λ = %1，框 %2（%3），λ_adj = &lt;b&gt;%4&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>clipped at the border</source>
        <translation>在边界处被截断</translation>
    </message>
    <message>
        <source>inside the image</source>
        <translation>在图像之内</translation>
    </message>
    <message>
        <source>&lt;p&gt;Counted over %1 draws at α = %2 on 224 × 224 images: the box is clipped in &lt;b&gt;%3&lt;/b&gt; of draws, and the mean weight of A is &lt;b&gt;%4&lt;/b&gt;, not the %5 of the mean λ.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在 224 × 224 的图像上、α = %2 时统计 %1 次抽样：&lt;b&gt;%3&lt;/b&gt; 的抽样中框被截断，A 的平均权重是 &lt;b&gt;%4&lt;/b&gt;，而不是平均 λ 的 %5。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The label is mixed by the same weights as the pixels: λ_adj · onehot(A) + (1 − λ_adj) · onehot(B). Label smoothing s then moves every class towards 1/K: each class gets s/K and the true classes 1 − s on top of their share.&lt;/p&gt;</source>
        <translation>&lt;p&gt;标签按与像素相同的权重混合：λ_adj · onehot(A) + (1 − λ_adj) · onehot(B)。标签平滑 s 再把每个类别向 1/K 拉近：每个类别得到 s/K，真实类别在其占比之上再得到 1 − s。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This draw, with s = %1 and K = %2 classes: %3 (sum %4).&lt;/p&gt;</source>
        <translation>&lt;p&gt;本次抽样，s = %1，类别数 K = %2：%3（总和 %4）。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;With k images, each further image pastes a box of its own draw (its own λ from Beta(α, α)) over the result so far. Each weight is then counted from the pixels still visible, so the weights always sum to 1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;有 k 张图像时，每张后续图像都用自己的抽样（自己从 Beta(α, α) 抽取的 λ）把一个框粘贴到当前结果上。每个权重再按仍然可见的像素计数，因此权重之和总是 1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;This draw: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;本次抽样：%1。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A common mistake draws the k-image mix from Beta(floor(α / k), floor(α / k)). Here floor(%1 / %2) = &lt;b&gt;%3&lt;/b&gt;.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个常见的错误是从 Beta(floor(α / k), floor(α / k)) 中抽取 k 张图像的混合。这里 floor(%1 / %2) = &lt;b&gt;%3&lt;/b&gt;。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;That draw is refused: &lt;i&gt;%1&lt;/i&gt;. Beta(0, 0) is not a distribution: a sampler divides X / (X + Y) with X = Y = 0, which is 0 / 0 = NaN.&lt;/p&gt;</source>
        <translation>&lt;p&gt;这样的抽样会被拒绝：&lt;i&gt;%1&lt;/i&gt;。Beta(0, 0) 不是一个分布：采样器计算 X / (X + Y) 时 X = Y = 0，即 0 / 0 = NaN。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;At this α the draw is possible, but its weights do not come from the pixels: the label would not match the image.&lt;/p&gt;</source>
        <translation>&lt;p&gt;在这个 α 下可以抽样，但它的权重不是来自像素：标签与图像不符。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The same λ and the same uniforms for the centre, under each library&apos;s rule. They differ in how they round the cut, where the box starts (Kornia starts at −1 for any draw), and whether the weight is corrected for clipping.&lt;/p&gt;</source>
        <translation>&lt;p&gt;相同的 λ 和相同的中心均匀随机数，按各个库的规则计算。它们的区别在于切块如何取整、框从哪里开始（Kornia 对任何抽样都从 −1 开始），以及权重是否针对截断进行校正。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>convention</source>
        <translation>约定</translation>
    </message>
    <message>
        <source>box</source>
        <translation>框</translation>
    </message>
    <message>
        <source>weight of A</source>
        <translation>A 的权重</translation>
    </message>
    <message>
        <source>&lt;p&gt;timm&apos;s rand_bbox and torchvision v2&apos;s CutMix follow the official rule.&lt;/p&gt;</source>
        <translation>&lt;p&gt;timm 的 rand_bbox 和 torchvision v2 的 CutMix 遵循官方规则。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A training loop mixes a whole batch at once, each image with a partner from the same batch: timm flips the batch (element i with N − 1 − i), torchvision rolls it (i with i − 1). Each row of the target matrix is one element&apos;s soft label.&lt;/p&gt;&lt;p&gt;This batch (%1, partners %2): %3.&lt;/p&gt;</source>
        <translation>&lt;p&gt;训练循环一次混合整个批次，每张图像与同一批次中的一个配对样本混合：timm 翻转批次（元素 i 与 N − 1 − i），torchvision 滚动批次（i 与 i − 1）。目标矩阵的每一行是一个元素的软标签。&lt;/p&gt;&lt;p&gt;本批次（%1，配对 %2）：%3。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A batch of the demo images mixed as timm mixes it, with one mistake planted: element #%1&apos;s target gives its own class the partner&apos;s weight and the partner&apos;s class its own. The audit reads only the images and the targets, measures each element&apos;s share from the pixels and compares.&lt;/p&gt;</source>
        <translation>&lt;p&gt;一个按 timm 方式混合的示例图像批次，其中故意埋了一个错误：元素 #%1 的目标把配对样本的权重给了自己的类别，把自己的权重给了配对样本的类别。审计只读取图像和目标，从像素中测量每个元素的占比并进行比较。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Auditing…&lt;/p&gt;</source>
        <translation>&lt;p&gt;正在审计…&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The audit&apos;s verdict on #%1: &lt;b&gt;%2&lt;/b&gt;. %3 of %4 elements agree.&lt;/p&gt;</source>
        <translation>&lt;p&gt;审计对 #%1 的结论：&lt;b&gt;%2&lt;/b&gt;。%4 个元素中有 %3 个一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The audit&apos;s verdict on #%1: &lt;b&gt;%2&lt;/b&gt;, cause &lt;code&gt;%3&lt;/code&gt;: %4. %5 of %6 elements agree.&lt;/p&gt;</source>
        <translation>&lt;p&gt;审计对 #%1 的结论：&lt;b&gt;%2&lt;/b&gt;，原因 &lt;code&gt;%3&lt;/code&gt;：%4。%6 个元素中有 %5 个一致。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;In the audit&apos;s words: %1.&lt;/p&gt;</source>
        <translation>&lt;p&gt;审计的说明：%1。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::LessonPanel</name>
    <message>
        <source>&amp;Back</source>
        <translation>上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>下一步(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Finish</source>
        <translation>结束(&amp;F)</translation>
    </message>
    <message>
        <source>Leave the lesson and bring back your images and parameters</source>
        <translation>离开课程，恢复你的图像和参数</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>&lt;b&gt;Try:&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;试一试：&lt;/b&gt;%1</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::MainWindow</name>
    <message>
        <source>Drop image A here, or File &gt; Open A</source>
        <translation>把图像 A 拖到这里，或使用 文件 &gt; 打开 A</translation>
    </message>
    <message>
        <source>Drop image B here, or File &gt; Open B</source>
        <translation>把图像 B 拖到这里，或使用 文件 &gt; 打开 B</translation>
    </message>
    <message>
        <source>Open two images (File &gt; Open pair, or drop two files here) to see CutMix</source>
        <translation>打开两张图像（文件 &gt; 打开图像对，或把两个文件拖到这里）即可查看 CutMix</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分布</translation>
    </message>
    <message>
        <source>Numbers</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Label weights</source>
        <translation>标签权重</translation>
    </message>
    <message>
        <source>λ explorer</source>
        <translation>λ 探索器</translation>
    </message>
    <message>
        <source>zoom %1 %</source>
        <translation>缩放 %1 %</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;pair...</source>
        <translation>打开图像对(&amp;P)...</translation>
    </message>
    <message>
        <source>Open A and B (select two images)</source>
        <translation>打开 A 和 B（选择两张图像）</translation>
    </message>
    <message>
        <source>Open &amp;A...</source>
        <translation>打开 A(&amp;A)...</translation>
    </message>
    <message>
        <source>Open image A</source>
        <translation>打开图像 A</translation>
    </message>
    <message>
        <source>Open &amp;B...</source>
        <translation>打开 B(&amp;B)...</translation>
    </message>
    <message>
        <source>Open image B</source>
        <translation>打开图像 B</translation>
    </message>
    <message>
        <source>Open the &amp;demo pair</source>
        <translation>打开示例图像对(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Save result...</source>
        <translation>保存结果(&amp;S)...</translation>
    </message>
    <message>
        <source>Export draw &amp;record...</source>
        <translation>导出抽样记录(&amp;R)...</translation>
    </message>
    <message>
        <source>Save source &amp;map...</source>
        <translation>保存来源图(&amp;M)...</translation>
    </message>
    <message>
        <source>Save the source map (8-bit PNG: 0 = A, 1 = B, ...)</source>
        <translation>保存来源图（8 位 PNG：0 = A，1 = B，...）</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export &amp;grid...</source>
        <translation>导出网格(&amp;G)...</translation>
    </message>
    <message>
        <source>Grid exported</source>
        <translation>网格已导出</translation>
    </message>
    <message>
        <source>Export a&amp;nimation...</source>
        <translation>导出动画(&amp;N)...</translation>
    </message>
    <message>
        <source>Animation exported</source>
        <translation>动画已导出</translation>
    </message>
    <message>
        <source>&amp;Watch folder...</source>
        <translation>监视文件夹(&amp;W)...</translation>
    </message>
    <message>
        <source>&amp;Load preset...</source>
        <translation>载入预设(&amp;L)...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy result image</source>
        <translation>复制结果图像(&amp;C)</translation>
    </message>
    <message>
        <source>Copy &amp;label as text</source>
        <translation>以文本复制标签(&amp;L)</translation>
    </message>
    <message>
        <source>Copy draw &amp;record (JSON)</source>
        <translation>复制抽样记录(&amp;R)（JSON）</translation>
    </message>
    <message>
        <source>S&amp;wap A and B</source>
        <translation>交换 A 和 B(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit to window</source>
        <translation>适应窗口(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Actual size (1:1)</source>
        <translation>实际大小(&amp;A)（1:1）</translation>
    </message>
    <message>
        <source>Show the &amp;box</source>
        <translation>显示框(&amp;B)</translation>
    </message>
    <message>
        <source>One colour per source (blue: A, orange: B, ...), grey where Cutout filled</source>
        <translation>每个来源一种颜色（蓝：A，橙：B，...），Cutout 填充处为灰色</translation>
    </message>
    <message>
        <source>&amp;Compare methods...</source>
        <translation>比较方法(&amp;C)...</translation>
    </message>
    <message>
        <source>&amp;Presentation</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Full screen, large type, the result and the numbers only; Esc leaves</source>
        <translation>全屏、大字号，只显示结果和数值；按 Esc 退出</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Element #%1 and its partner are in the pair view, with the same draw.</source>
        <translation>元素 #%1 及其配对样本已在图像对视图中，抽样相同。</translation>
    </message>
    <message>
        <source>&amp;Draw</source>
        <translation>抽样(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;New draw</source>
        <translation>重新抽样(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous draw</source>
        <translation>上一次抽样(&amp;P)</translation>
    </message>
    <message>
        <source>Ne&amp;xt draw</source>
        <translation>下一次抽样(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Hold the draw</source>
        <translation>保持抽样(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CutMix Studio</source>
        <translation>关于 CutMix Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About CutMix Studio</source>
        <translation>关于 CutMix Studio</translation>
    </message>
    <message>
        <source>&lt;b&gt;CutMix Studio %1&lt;/b&gt;&lt;p&gt;See what CutMix (Yun et al., ICCV 2019) does to your images, and how the official code, timm, torchvision, Keras-CV and Kornia differ.&lt;/p&gt;&lt;p&gt;The same draw is reproduced by &lt;tt&gt;cutmix mix&lt;/tt&gt; with the same seed, index and parameters (or a saved preset).&lt;/p&gt;</source>
        <translation>&lt;b&gt;CutMix Studio %1&lt;/b&gt;&lt;p&gt;看看 CutMix（Yun 等，ICCV 2019）对你的图像做了什么，以及官方代码、timm、torchvision、Keras-CV 和 Kornia 之间有何不同。&lt;/p&gt;&lt;p&gt;用相同的种子、索引和参数（或保存的预设），&lt;tt&gt;cutmix mix&lt;/tt&gt; 会重现同一次抽样。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>%1: (none)</source>
        <translation>%1：（无）</translation>
    </message>
    <message>
        <source>%1 (demo)</source>
        <translation>%1（示例）</translation>
    </message>
    <message>
        <source>No pair loaded</source>
        <translation>未载入图像对</translation>
    </message>
    <message>
        <source>%1 blends every pixel: no map of sources</source>
        <translation>%1 混合每个像素：没有来源图</translation>
    </message>
    <message>
        <source>filled</source>
        <translation>填充</translation>
    </message>
    <message>
        <source>Add sources (multi-source CutMix)</source>
        <translation>添加来源（多来源 CutMix）</translation>
    </message>
    <message>
        <source>Open as A</source>
        <translation>作为 A 打开</translation>
    </message>
    <message>
        <source>Open as B</source>
        <translation>作为 B 打开</translation>
    </message>
    <message>
        <source>Save the mixed image</source>
        <translation>保存混合后的图像</translation>
    </message>
    <message>
        <source>Export the draw record</source>
        <translation>导出抽样记录</translation>
    </message>
    <message>
        <source>Copied the mixed image</source>
        <translation>已复制混合后的图像</translation>
    </message>
    <message>
        <source>Save preset</source>
        <translation>保存预设</translation>
    </message>
    <message>
        <source>Saved preset %1  (use it with: cutmix mix A B -o out.png --preset %2)</source>
        <translation>已保存预设 %1（用法：cutmix mix A B -o out.png --preset %2）</translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation>载入预设</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Loaded preset %1</source>
        <translation>已载入预设 %1</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>A guided walk through CutMix in eight steps; your images come back when it ends</source>
        <translation>分八步引导你了解 CutMix；结束后你的图像会恢复</translation>
    </message>
    <message>
        <source>Open r&amp;ecent</source>
        <translation>最近打开(&amp;E)</translation>
    </message>
    <message>
        <source>Add s&amp;ource...</source>
        <translation>添加来源(&amp;O)...</translation>
    </message>
    <message>
        <source>Export da&amp;taset...</source>
        <translation>导出数据集(&amp;T)...</translation>
    </message>
    <message>
        <source>Open batch d&amp;ump...</source>
        <translation>打开批次转储(&amp;U)...</translation>
    </message>
    <message>
        <source>Sa&amp;ve preset...</source>
        <translation>保存预设(&amp;V)...</translation>
    </message>
    <message>
        <source>Show where pi&amp;xels come from</source>
        <translation>显示像素来源(&amp;X)</translation>
    </message>
    <message>
        <source>Ba&amp;tch view...</source>
        <translation>批次视图(&amp;T)...</translation>
    </message>
    <message>
        <source>this iteration does not mix: the result is A</source>
        <translation>这次迭代不混合：结果就是 A</translation>
    </message>
    <message>
        <source>The class name of this image, used in the soft label: %1</source>
        <translation>这张图像的类别名，用于软标签：%1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Objects</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Open objects for A...</source>
        <translation>打开 A 的目标标注...</translation>
    </message>
    <message>
        <source>Open objects for B...</source>
        <translation>打开 B 的目标标注...</translation>
    </message>
    <message>
        <source>Save the kept objects</source>
        <translation>保存保留的目标</translation>
    </message>
    <message>
        <source>YOLO text (*.txt);;COCO JSON (*.json);;Pascal VOC XML (*.xml)</source>
        <translation>YOLO 文本 (*.txt);;COCO JSON (*.json);;Pascal VOC XML (*.xml)</translation>
    </message>
    <message>
        <source>Save kept ob&amp;jects...</source>
        <translation>保存保留的目标(&amp;J)...</translation>
    </message>
    <message>
        <source>Used the first %1 of %2 files</source>
        <translation>使用了 %2 个文件中的前 %1 个</translation>
    </message>
    <message>
        <source>Used the first of %1 files</source>
        <translation>使用了 %1 个文件中的第一个</translation>
    </message>
    <message>
        <source>Open mask for A...</source>
        <translation>打开 A 的标签掩码...</translation>
    </message>
    <message>
        <source>Open mask for B...</source>
        <translation>打开 B 的标签掩码...</translation>
    </message>
    <message>
        <source>Save mi&amp;xed mask...</source>
        <translation>保存混合后的标签掩码(&amp;X)...</translation>
    </message>
    <message>
        <source>Save the mixed mask (PNG: each pixel the label of its source)</source>
        <translation>保存混合后的标签掩码（PNG：每个像素为其来源的标签）</translation>
    </message>
    <message>
        <source>Show mas&amp;ks</source>
        <translation>显示标签掩码(&amp;K)</translation>
    </message>
    <message>
        <source>Each image&apos;s label mask as a translucent wash, one colour per label; 0 (background) is left clear</source>
        <translation>每张图像的标签掩码以半透明色层显示，每个标签一种颜色；0（背景）不着色</translation>
    </message>
    <message>
        <source>Masks are &amp;instance masks</source>
        <translation>标签掩码为实例掩码(&amp;I)</translation>
    </message>
    <message>
        <source>As cutmix mix --instances: a mask&apos;s pixel value k is the k-th object of its image, 0 none</source>
        <translation>同 cutmix mix --instances：标签掩码的像素值 k 为其图像的第 k 个目标，0 为无</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::ObjectsPanel</name>
    <message>
        <source>Box rule</source>
        <translation>框规则</translation>
    </message>
    <message>
        <source>Which boxes survive a mix: each library&apos;s rule, from its own source</source>
        <translation>混合后哪些框保留：各库的规则，取自其源代码</translation>
    </message>
    <message>
        <source>Show objects on the images</source>
        <translation>在图像上显示目标</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Visible</source>
        <translation>可见</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>%1 of %2 objects kept (%3)</source>
        <translation>%2 个目标中保留 %1 个（%3）</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 %2&lt;/b&gt; (%3): %4</source>
        <translation>&lt;b&gt;%1 %2&lt;/b&gt;（%3）：%4</translation>
    </message>
    <message>
        <source>No objects for these images (an annotation file beside an image, labels/&lt;name&gt;.txt, or File &gt; Open objects).</source>
        <translation>这些图像没有目标（图像旁的标注文件 labels/&lt;名称&gt;.txt，或 文件 &gt; 打开目标标注）。</translation>
    </message>
    <message>
        <source>Show masks on the images</source>
        <translation>在图像上显示标签掩码</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>来源 %1</translation>
    </message>
    <message>
        <source>No masks for these images (a PNG beside an image, masks/&lt;name&gt;.png, or File &gt; Open mask).</source>
        <translation>这些图像没有标签掩码（图像旁的 PNG 文件 masks/&lt;名称&gt;.png，或 文件 &gt; 打开标签掩码）。</translation>
    </message>
    <message>
        <source>Masks %1. %2</source>
        <translation>标签掩码 %1。%2</translation>
    </message>
    <message>
        <source>Masks %1; the result&apos;s mask is mixed by the draw.</source>
        <translation>标签掩码 %1；结果的标签掩码按本次抽样混合。</translation>
    </message>
    <message>
        <source>Instance masks (a pixel&apos;s value numbers its object)</source>
        <translation>实例掩码（像素值为其目标的编号）</translation>
    </message>
    <message>
        <source>As cutmix mix --instances: pixel value k is the k-th object of its image&apos;s objects, 0 none; the result&apos;s mask numbers the kept objects in the order Save kept objects writes them, dropped ones 0</source>
        <translation>同 cutmix mix --instances：像素值 k 为其图像的第 k 个目标，0 为无；结果的标签掩码按“保存保留的目标”写出的顺序为保留的目标编号，丢弃的为 0</translation>
    </message>
    <message>
        <source>Instance masks %1; the result&apos;s mask numbers the kept objects 1, 2, ... in the order they are saved.</source>
        <translation>实例掩码 %1；结果的标签掩码按保存顺序为保留的目标编号 1、2、……。</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::ParamControl</name>
    <message>
        <source> (the slider runs on a logarithmic scale from %1 to %2; type any value up to %3 in the box)</source>
        <translation>（滑块为从 %1 到 %2 的对数刻度；在输入框中可输入不超过 %3 的任意值）</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::ParamPanel</name>
    <message>
        <source>CutMix (Yun et al., ICCV 2019): B&apos;s box pasted into A</source>
        <translation>CutMix（Yun 等，ICCV 2019）：把 B 的一个框粘贴到 A 中</translation>
    </message>
    <message>
        <source>Mixing</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Convention</source>
        <translation>约定</translation>
    </message>
    <message>
        <source>Seed and index</source>
        <translation>种子和索引</translation>
    </message>
    <message>
        <source>NumPy seed of a training run</source>
        <translation>训练过程的 NumPy 种子</translation>
    </message>
    <message>
        <source>The project&apos;s own draws, or the draws a training run made with NumPy&apos;s legacy generator (np.random.seed), iteration by iteration</source>
        <translation>本项目自己的抽样，或训练过程用 NumPy 旧式生成器（np.random.seed）逐次迭代做出的抽样</translation>
    </message>
    <message>
        <source>Seed and index determine a draw exactly: the same numbers give the same result in the window and in the cutmix command.</source>
        <translation>种子和索引唯一确定一次抽样：相同的数值在窗口和 cutmix 命令中得到相同的结果。</translation>
    </message>
    <message>
        <source>New draw</source>
        <translation>重新抽样</translation>
    </message>
    <message>
        <source>Next sample index, or the next iteration of a replayed run (Space)</source>
        <translation>下一个样本索引，或回放训练的下一次迭代（空格）</translation>
    </message>
    <message>
        <source>Previous draw</source>
        <translation>上一次抽样</translation>
    </message>
    <message>
        <source>Next draw</source>
        <translation>下一次抽样</translation>
    </message>
    <message>
        <source>Hold the draw</source>
        <translation>保持抽样</translation>
    </message>
    <message>
        <source>Keep the random numbers fixed: dragging α (or the scale range) then moves λ and the box smoothly.</source>
        <translation>固定随机数：此时拖动 α（或比例范围），λ 和框会平滑地变化。</translation>
    </message>
    <message>
        <source>Draw</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>The seed the run gave np.random.seed (0 to 4294967295)</source>
        <translation>训练时传给 np.random.seed 的种子（0 到 4294967295）</translation>
    </message>
    <message>
        <source>Training run (NumPy seed)</source>
        <translation>训练过程（NumPy 种子）</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>配方</translation>
    </message>
    <message>
        <source>NumPy seed</source>
        <translation>NumPy 种子</translation>
    </message>
    <message>
        <source>Iteration</source>
        <translation>迭代</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>set by hand</source>
        <translation>手动设置</translation>
    </message>
    <message>
        <source>%1 images (File &gt; Add source...)</source>
        <translation>%1 张图像（文件 &gt; 添加来源...）</translation>
    </message>
    <message>
        <source>A and B (File &gt; Add source... for more)</source>
        <translation>A 和 B（更多来源：文件 &gt; 添加来源...）</translation>
    </message>
    <message>
        <source>iteration %1 of the run</source>
        <translation>训练的第 %1 次迭代</translation>
    </message>
    <message>
        <source>%1   (%2 of %3 seen)</source>
        <translation>%1   （已看过的 %3 个中的第 %2 个）</translation>
    </message>
    <message>
        <source>none: no mix</source>
        <translation>无：不混合</translation>
    </message>
    <message>
        <source>Not used by %1: the cut is drawn from the cut range and the weight is the box&apos;s share, whatever λ was drawn</source>
        <translation>%1 不使用：切块从切块范围中抽取，权重是框的占比，与抽到的 λ 无关</translation>
    </message>
    <message>
        <source>Takes %1 images: A and B, then add the others with File &gt; Add source</source>
        <translation>需要 %1 张图像：A 和 B，其余用 文件 &gt; 添加来源 加入</translation>
    </message>
    <message>
        <source>%1 images: A top left, B top right, the third bottom left, the fourth bottom right</source>
        <translation>%1 张图像：A 在左上，B 在右上，第三张在左下，第四张在右下</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::PresentationWindow</name>
    <message>
        <source>Space new draw · ←/→ α · H hold · M map of sources · C convention · Esc leave</source>
        <translation>空格 重新抽样 · ←/→ α · H 保持 · M 来源图 · C 约定 · Esc 退出</translation>
    </message>
    <message>
        <source>No pair loaded</source>
        <translation>未载入图像对</translation>
    </message>
    <message>
        <source>%1 · PgDn/PgUp lesson step</source>
        <translation>%1 · PgDn/PgUp 课程步骤</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>演示</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::SourcesPanel</name>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Own box</source>
        <translation>自身的框</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>The share of each source&apos;s pixels in the result is the weight of its class; a box pasted later covers the earlier ones, so a source&apos;s own box can be larger than its share</source>
        <translation>每个来源的像素在结果中所占的比例就是其类别的权重；后粘贴的框会覆盖先前的框，因此来源自身的框可能大于它的占比</translation>
    </message>
    <message>
        <source>Add source...</source>
        <translation>添加来源...</translation>
    </message>
    <message>
        <source>Multi-source CutMix: one more image pastes one more box (up to 8 images)</source>
        <translation>多来源 CutMix：每多一张图像就多粘贴一个框（最多 8 张）</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Remove the selected source (A and B stay)</source>
        <translation>移除选中的来源（A 和 B 保留）</translation>
    </message>
    <message>
        <source>not used</source>
        <translation>未使用</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::StudioModel</name>
    <message>
        <source>At most %1 sources can be mixed</source>
        <translation>最多可混合 %1 个来源</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <source>%1 does not carry objects</source>
        <translation>%1 不携带目标</translation>
    </message>
    <message>
        <source>There are no objects to save: the images have none</source>
        <translation>没有可保存的目标：图像没有目标</translation>
    </message>
    <message>
        <source>%1 mixes %2 images and %3 are loaded: the window mixes them with %4</source>
        <translation>%1 混合 %2 张图像，而当前载入了 %3 张：窗口改用 %4 混合</translation>
    </message>
    <message>
        <source>Open 2 to %1 images at once (%2 were given)</source>
        <translation>一次请打开 2 到 %1 张图像（给出了 %2 张）</translation>
    </message>
    <message>
        <source>%1 mixes %2 images and %3 are loaded: add them with File &gt; Add source (or open %2 files at once)</source>
        <translation>%1 混合 %2 张图像，而当前载入了 %3 张：请用 文件 &gt; 添加来源 加入（或一次打开 %2 个文件）</translation>
    </message>
    <message>
        <source>%1 blends every pixel: no pixel of the result has the label of one image, so it has no mask</source>
        <translation>%1 混合每个像素：结果中没有像素只带一张图像的标签，因此没有标签掩码</translation>
    </message>
    <message>
        <source>%1 has no mask: the result&apos;s mask needs one for every image</source>
        <translation>%1 没有标签掩码：结果的标签掩码需要每张图像各有一个</translation>
    </message>
    <message>
        <source>source %1</source>
        <translation>来源 %1</translation>
    </message>
    <message>
        <source>There is no mask to save: the images have none</source>
        <translation>没有可保存的标签掩码：这些图像没有标签掩码</translation>
    </message>
    <message>
        <source>Instance masks number the images&apos; objects, and these images have none</source>
        <translation>实例掩码为图像的目标编号，而这些图像没有目标</translation>
    </message>
</context>
<context>
    <name>cutmix::ui::TargetMatrix</name>
    <message>
        <source>Σ %1 over the batch: %2 (of %3 elements)</source>
        <translation>%1 在批次上的总和 Σ：%2（共 %3 个元素）</translation>
    </message>
    <message>
        <source>#%1 %2, class %3: %4</source>
        <translation>#%1 %2，类别 %3：%4</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source> (tick “Export into a non-empty folder” to use it anyway)</source>
        <translation>（勾选“导出到非空文件夹”即可仍然使用它）</translation>
    </message>
    <message>
        <source> (stopped at the first unreadable image)</source>
        <translation>（在第一张无法读取的图像处停止）</translation>
    </message>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
</context>
<context>
    <name>imagefile</name>
    <message>
        <source>Images (%1);;All files (*)</source>
        <translation>图像 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Annotations (*.txt *.json *.xml);;All files (*)</source>
        <translation>标注 (*.txt *.json *.xml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Masks (*.png);;All files (*)</source>
        <translation>标签掩码 (*.png);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>readout</name>
    <message>
        <source>NumPy seed %1, %2, iteration %3: %4</source>
        <translation>NumPy 种子 %1，%2，第 %3 次迭代：%4</translation>
    </message>
    <message>
        <source>⚠ A and B are the same image</source>
        <translation>⚠ A 和 B 是同一张图像</translation>
    </message>
    <message>
        <source> (held)</source>
        <translation>（保持）</translation>
    </message>
    <message>
        <source>Open two images to see a draw.</source>
        <translation>打开两张图像即可查看抽样。</translation>
    </message>
    <message>
        <source>the recipe does not mix in this iteration: the images are used as they are,</source>
        <translation>本次迭代中配方不做混合：图像按原样使用，</translation>
    </message>
    <message>
        <source>weight of A = 1</source>
        <translation>A 的权重 = 1</translation>
    </message>
</context>
<context>
    <name>render</name>
    <message>
        <source>, mode %1</source>
        <translation>，模式 %1</translation>
    </message>
    <message>
        <source>, partner %1</source>
        <translation>，配对 %1</translation>
    </message>
    <message>
        <source> (labels %1)</source>
        <translation>（标签 %1）</translation>
    </message>
    <message>
        <source>, seed %1, batch %2, %3 images of %4x%5</source>
        <translation>，种子 %1，批次 %2，%3 张 %4x%5 的图像</translation>
    </message>
    <message>
        <source>not mixed, λ 1</source>
        <translation>未混合，λ 1</translation>
    </message>
    <message>
        <source>%1 with itself, λ %2</source>
        <translation>%1 与自身，λ %2</translation>
    </message>
    <message>
        <source>%1 with #%2 (%3), λ %4</source>
        <translation>%1 与 #%2（%3），λ %4</translation>
    </message>
    <message>
        <source>; label from #%1</source>
        <translation>；标签来自 #%1</translation>
    </message>
    <message>
        <source>self</source>
        <translation>自身</translation>
    </message>
    <message>
        <source>Σ total</source>
        <translation>Σ 总和</translation>
    </message>
    <message>
        <source>Batch before → after: </source>
        <translation>批次 混合前 → 混合后：</translation>
    </message>
    <message>
        <source> (the %1 classes in the batch, of %2)</source>
        <translation>（批次中出现的 %1 个类别，共 %2 个）</translation>
    </message>
    <message>
        <source>Targets: one row per element, one column per class%1; label smoothing %2.</source>
        <translation>目标：每行一个元素，每列一个类别%1；标签平滑 %2。</translation>
    </message>
    <message>
        <source>%1 draws: mean λ sampled %2, mean λ_adj %3, mean reported weight %4</source>
        <translation>%1 次抽样：抽到的 λ 均值 %2，λ_adj 均值 %3，报告权重均值 %4</translation>
    </message>
    <message>
        <source>P(box clipped) %1, P(empty box) %2, mean λ_adj − λ %3 (the clipping bias)</source>
        <translation>P(框被截断) %1，P(空框) %2，λ_adj − λ 均值 %3（截断偏差）</translation>
    </message>
    <message>
        <source>λ sampled</source>
        <translation>抽到的 λ</translation>
    </message>
    <message>
        <source>λ_adj (A&apos;s pixels)</source>
        <translation>λ_adj（A 的像素）</translation>
    </message>
    <message>
        <source>reported weight</source>
        <translation>报告的权重</translation>
    </message>
    <message>
        <source>λ (density over [0, 1])</source>
        <translation>λ（[0, 1] 上的密度）</translation>
    </message>
    <message>
        <source>Boxes: carried through each mix and judged by the %1 box rule (kept solid, clipped dashed, dropped red and crossed); %2 itself mixes no boxes.</source>
        <translation>框：随每次混合携带，由 %1 框规则判定（保留为实线，截断为虚线，丢弃为红色叉）；%2 本身不混合框。</translation>
    </message>
    <message>
        <source>; %1 of %2 boxes kept</source>
        <translation>；%2 个框中保留 %1 个</translation>
    </message>
    <message>
        <source>%1 draws, mean: %2</source>
        <translation>%1 次抽样，均值：%2</translation>
    </message>
    <message>
        <source>the label&apos;s weight: %1</source>
        <translation>标签的权重：%1</translation>
    </message>
    <message>
        <source>P(box clipped) %1, P(empty box) %2</source>
        <translation>P(框被截断) %1，P(空框) %2</translation>
    </message>
    <message>
        <source>%1 (density over [0, 1])</source>
        <translation>%1（[0, 1] 上的密度）</translation>
    </message>
</context>
</TS>
