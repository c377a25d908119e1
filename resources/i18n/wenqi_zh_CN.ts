<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnswerCheckPanel</name>
    <message>
        <location filename="../../widgets/math_check.py" line="63"/>
        <source>Check answer</source>
        <translation>检查答案</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="65"/>
        <source>Your answer: 42, 3/4, 62.5%, 42千克 or an equation such as (1236-180×5)÷8</source>
        <translation>你的答案：42、3/4、62.5%、42千克，或像 (1236-180×5)÷8 这样的算式</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="69"/>
        <source>Check my answer</source>
        <translation>检查我的答案</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="71"/>
        <source>Say whether your answer is right (%1)</source>
        <translation>看看你的答案对不对（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="75"/>
        <source>My &amp;answer:</source>
        <translation>我的答案(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="142"/>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="153"/>
        <source>Your answer cannot be checked: %1</source>
        <translation>无法检查你的答案：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="174"/>
        <source>Right: %1 is %2.</source>
        <translation>对了：%1 就是 %2。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="174"/>
        <source>Right, rounded: the exact answer is %2.</source>
        <translation>对了（取了近似值）：精确答案是 %2。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="175"/>
        <source>Right: the answer is %2.</source>
        <translation>对了：答案是 %2。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="177"/>
        <source>as a percent</source>
        <translation>用百分数表示</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="177"/>
        <source>in %1</source>
        <translation>以“%1”为单位</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="178"/>
        <source>The number is right, but not the unit: the question asks for the answer %1 (%2).</source>
        <translation>数对了，但单位不对：题目要求答案%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="181"/>
        <source>Not right: the answer is %1.</source>
        <translation>不对：答案是 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="183"/>
        <source>Yours is the exact quotient; the question asks for a whole count. %1</source>
        <translation>你写的是除得的商，题目问的是整数个。%1</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="186"/>
        <source>Your working parts from the solution&apos;s at step %1: %2.</source>
        <translation>你的算式从第%1步起和解答不同：%2。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="189"/>
        <source>Each step of your working is one of the solution&apos;s, but it stops before the answer.</source>
        <translation>你算的每一步都是解答里的一步，但还没算到最后答案。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="192"/>
        <source>Checked against the model&apos;s answer (confidence %1%).</source>
        <translation>这是和模型的答案比较的（模型的把握：%1%）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="195"/>
        <source>The model is not sure of it: check its answer too.</source>
        <translation>模型对这个答案没有把握：也请检查它的答案。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="197"/>
        <source>Checked exactly (no model needed).</source>
        <translation>已精确检查（不需要模型）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="199"/>
        <source>The model&apos;s candidate %1 gives your answer too.</source>
        <translation>模型的第 %1 个候选也得出你的答案。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="213"/>
        <source>Your working</source>
        <translation>你的算式</translation>
    </message>
    <message>
        <location filename="../../widgets/math_check.py" line="213"/>
        <source>The solution&apos;s working</source>
        <translation>解答的算式</translation>
    </message>
</context>
<context>
    <name>ApproximationPanel</name>
    <message>
        <location filename="../../widgets/attention_compare.py" line="29"/>
        <source>Performer FAVOR+</source>
        <translation>Performer FAVOR+</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="30"/>
        <source>Linear attention (elu+1)</source>
        <translation>线性注意力（elu+1）</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="31"/>
        <source>Taylor softmax</source>
        <translation>泰勒 softmax</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="36"/>
        <source>Number of positive orthogonal random features</source>
        <translation>正交正随机特征的个数</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="38"/>
        <source>order 2</source>
        <translation>2 阶</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="39"/>
        <source>order 4</source>
        <translation>4 阶</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="42"/>
        <source>seed </source>
        <translation>种子 </translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="43"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="49"/>
        <source>Approximation:</source>
        <translation>近似方法：</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="63"/>
        <source>Capture a text first.</source>
        <translation>请先捕获一段文本。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="82"/>
        <source>Pick a head, then press Compare.</source>
        <translation>选择一个注意力头，再点“比较”。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="99"/>
        <source>Exact softmax</source>
        <translation>精确 softmax</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="101"/>
        <source>|exact − approximate|</source>
        <translation>|精确 − 近似|</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_compare.py" line="104"/>
        <source>%1, %2: mean row KL %3, max |error| %4. All heads: mean KL %5, worst max |error| %6; computed in %7 ms.</source>
        <translation>%1，%2：行平均 KL %3，最大 |误差| %4。全部头：平均 KL %5，最差最大 |误差| %6；用时 %7 毫秒。</translation>
    </message>
</context>
<context>
    <name>AttentionTab</name>
    <message>
        <location filename="../../widgets/attention_tab.py" line="77"/>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="101"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="104"/>
        <source>Take from…</source>
        <translation>取自…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="113"/>
        <source>max tokens </source>
        <translation>最多词元 </translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="115"/>
        <location filename="../../widgets/attention_tab.py" line="348"/>
        <source>Capture</source>
        <translation>捕获</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="123"/>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="131"/>
        <source>Type or paste a text, or take one from another tab</source>
        <translation>输入或粘贴文本，或从其他标签页取用</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="143"/>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="144"/>
        <source>Head view</source>
        <translation>注意力头视图</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="145"/>
        <source>Approximation</source>
        <translation>近似</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="150"/>
        <source>Pick a model and press Capture.</source>
        <translation>选择模型后点“捕获”。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="153"/>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="153"/>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="154"/>
        <source>NPY…</source>
        <translation>NPY…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="165"/>
        <source>&lt;p&gt;Nothing captured yet.&lt;/p&gt;&lt;p&gt;Type a text, or take one from another tab, and press &lt;b&gt;Capture&lt;/b&gt;: the model reads it once and every layer and head shows what each token looked at.&lt;/p&gt;</source>
        <translation>&lt;p&gt;还没有捕获任何内容。&lt;/p&gt;&lt;p&gt;输入一段文字，或从其他标签页取来，然后按&lt;b&gt;捕获&lt;/b&gt;：模型读一遍，每一层、每个头都会显示每个词元看了哪些词元。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="174"/>
        <source>Each map shows one layer and head: a row is a query (the token that looks), a column a key (a token it looks at), brighter means more attention. Pick a map on the left; hover for the weights.</source>
        <translation>每张图对应一层中的一个头：一行是查询（正在看的词元），一列是键（被看的词元），越亮表示注意力越多。在左边选一张图；鼠标悬停可看权重。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="225"/>
        <source> of %1</source>
        <translation> / %1</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="227"/>
        <source>%1 reads at most %2 tokens at once (the positions in its config), so a longer text is cut there.</source>
        <translation>%1 一次最多读 %2 个词元（其配置中的位置数），更长的文字在那里截断。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="230"/>
        <source>This model&apos;s config names no position limit; up to %1 tokens can be captured.</source>
        <translation>这个模型的配置没有给出位置上限；最多可捕获 %1 个词元。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="232"/>
        <source>How many tokens of the text to look at.</source>
        <translation>要查看文字中的多少个词元。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="246"/>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="279"/>
        <source>That tab has nothing to look at yet.</source>
        <translation>那个标签页还没有可查看的内容。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="285"/>
        <source>Took the input of %1, for the model %2. Press Capture.</source>
        <translation>已取来“%1”的输入，使用模型 %2。请按“捕获”。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="305"/>
        <source>No other tab has a game, couplet, problem or text to offer.</source>
        <translation>其他标签页暂时没有棋局、对联、题目或文本可提供。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="312"/>
        <source>No tab offers an input</source>
        <translation>没有标签页提供输入</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="325"/>
        <source>No model: add a model folder, or wait for the bundled models.</source>
        <translation>没有模型：请添加模型文件夹，或等待内置模型。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="329"/>
        <source>Type a text first.</source>
        <translation>请先输入文本。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="340"/>
        <location filename="../../widgets/attention_tab.py" line="490"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="341"/>
        <source>Capturing…</source>
        <translation>正在捕获…</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="343"/>
        <source>Attention capture</source>
        <translation>注意力捕获</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="366"/>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="370"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="380"/>
        <source>Self-attention</source>
        <translation>自注意力</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="380"/>
        <source>Encoder</source>
        <translation>编码器</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="381"/>
        <source>Decoder</source>
        <translation>解码器</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="381"/>
        <source>Cross-attention</source>
        <translation>交叉注意力</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="392"/>
        <source> (the text is cut there: the most this model reads)</source>
        <translation>（文字在此截断：这是该模型能读的最多词元数）</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="393"/>
        <source> (the text is cut there: the token limit)</source>
        <translation>（文字在此截断：达到词元上限）</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="394"/>
        <source>%1: %2 tokens%3, %4 layers × %5 heads, captured in %6 ms.</source>
        <translation>%1：%2 个词元%3，%4 层 × %5 头，捕获用时 %6 毫秒。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="399"/>
        <source>%1 of them are unknown to this model ([UNK]): it was trained on another kind of input (the xiangqi GPT reads moves).</source>
        <translation>其中 %1 个是该模型不认识的（[UNK]）：它是用另一类输入训练的（象棋 GPT 读的是着法）。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="415"/>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="415"/>
        <source>rollout</source>
        <translation>累积</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="418"/>
        <source>Approximations need the model&apos;s queries and keys, which could not be caught for this model.</source>
        <translation>近似计算需要模型的查询和键，此模型无法取得。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="434"/>
        <source>Layer %1, mean over heads</source>
        <translation>第 %1 层，各头平均</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="436"/>
        <source>Rollout up to layer %1</source>
        <translation>累积到第 %1 层</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="437"/>
        <source>Layer %1, head %2</source>
        <translation>第 %1 层，第 %2 头</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="492"/>
        <source>Attention approximation</source>
        <translation>注意力近似</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="513"/>
        <source>layer %1 head %2</source>
        <translation>第 %1 层第 %2 头</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="517"/>
        <source>layer %1, mean over heads</source>
        <translation>第 %1 层，各头平均</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="542"/>
        <source>Capture something first.</source>
        <translation>请先捕获。</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="550"/>
        <source>Could not export: %1</source>
        <translation>无法导出：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="552"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="556"/>
        <source>Export the view</source>
        <translation>导出视图</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="560"/>
        <source>Export the matrix</source>
        <translation>导出矩阵</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_tab.py" line="564"/>
        <source>Export all layers and heads</source>
        <translation>导出全部层和头</translation>
    </message>
</context>
<context>
    <name>ClockPanel</name>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="62"/>
        <source>The game clock: a side whose time runs out loses (超时判负). A change applies from the next game once the clock has started.</source>
        <translation>棋钟：用完时间的一方判负（超时判负）。棋钟开始走后，更改从下一局起生效。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="64"/>
        <source>No clock</source>
        <translation>不计时</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="67"/>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="70"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="74"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="75"/>
        <source>Seconds added after each move</source>
        <translation>每走一步加的秒数</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="89"/>
        <source>Clock:</source>
        <translation>棋钟：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="105"/>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="203"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="203"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_clock.py" line="206"/>
        <source>%1 %2</source>
        <translation>%1%2</translation>
    </message>
</context>
<context>
    <name>ComputerOpponent</name>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="37"/>
        <source>Choose a UCI engine…</source>
        <translation>选择 UCI 引擎…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="40"/>
        <source>Remove %1</source>
        <translation>移除 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="93"/>
        <source>Choose a UCI xiangqi engine</source>
        <translation>选择一个 UCI 象棋引擎</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="102"/>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="103"/>
        <source>Checking %1</source>
        <translation>检查 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="109"/>
        <source>%1 was not added: %2</source>
        <translation>未添加 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="113"/>
        <source>%1 added: its levels are in the list.</source>
        <translation>已添加 %1：它的各级在对手列表中。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="163"/>
        <source>Move by %1</source>
        <translation>%1 走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="191"/>
        <source>%1 could not move: %2</source>
        <translation>%1 无法走棋：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="193"/>
        <source>%1 answered an illegal move (%2).</source>
        <translation>%1 给出了不合法的着法（%2）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="195"/>
        <source>%1 stopped thinking.</source>
        <translation>%1 停止了思考。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_computer.py" line="196"/>
        <source>Let it move</source>
        <translation>让它走</translation>
    </message>
</context>
<context>
    <name>CoupletCard</name>
    <message>
        <location filename="../../widgets/couplet_card.py" line="165"/>
        <source>Pick a lower line to see the couplet here.</source>
        <translation>选择一条下联，在这里查看对联。</translation>
    </message>
</context>
<context>
    <name>CoupletCheckPanel</name>
    <message>
        <location filename="../../widgets/couplet_check.py" line="139"/>
        <source>Check lower line</source>
        <translation>检查下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="141"/>
        <source>The upper line, e.g. 白日依山尽</source>
        <translation>上联，例如 白日依山尽</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="143"/>
        <source>Your lower line, e.g. 黄河入海流</source>
        <translation>你的下联，例如 黄河入海流</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="148"/>
        <source>Check my line</source>
        <translation>检查我的下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="150"/>
        <source>Check the lower line against the upper line (%1)</source>
        <translation>对照上联检查下联（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="153"/>
        <source>&amp;Upper line (上联):</source>
        <translation>上联(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="153"/>
        <source>&amp;My lower line (下联):</source>
        <translation>我的下联(&amp;M)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="163"/>
        <source>Red: does not hold there. Orange: the word classes are unsure. Under each character: ○ level (平), ● oblique (仄), and its word class.</source>
        <translation>红色：此处不合。橙色：词性不确定。每个字下面：○ 平，● 仄，以及它的词性。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="172"/>
        <source>The model&apos;s own lines</source>
        <translation>模型自己写的下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="223"/>
        <source>Checking, and asking the model for its own lines…</source>
        <translation>正在检查，并请模型写出它自己的下联…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="238"/>
        <source>Type your lower line too.</source>
        <translation>请把你的下联也输入。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="238"/>
        <source>Type the upper line first.</source>
        <translation>请先输入上联。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="240"/>
        <source>The lower line needs Chinese characters.</source>
        <translation>下联需要汉字。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="241"/>
        <source>The upper line needs Chinese characters.</source>
        <translation>上联需要汉字。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="243"/>
        <location filename="../../widgets/couplet_check.py" line="246"/>
        <source>The lower line</source>
        <translation>下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="243"/>
        <location filename="../../widgets/couplet_check.py" line="246"/>
        <source>The upper line</source>
        <translation>上联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="244"/>
        <source>%1 can hold only Chinese characters and punctuation, not: %2</source>
        <translation>%1只能用汉字和标点，不能用：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="247"/>
        <source>%1 is too long: at most %2 characters (it has %3).</source>
        <translation>%1太长：最多 %2 个字（现有 %3 个）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="252"/>
        <source>Could not check: %1</source>
        <translation>无法检查：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="263"/>
        <source>The model&apos;s opinion is missing: %1</source>
        <translation>缺少模型的意见：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="270"/>
        <source>score %1</source>
        <translation>得分 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="279"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="283"/>
        <source>the lines differ in length (%1 and %2 characters)</source>
        <translation>上下联字数不同（%1 字和 %2 字）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="285"/>
        <source>the punctuation differs at place %1</source>
        <translation>第%1字处标点不同</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="286"/>
        <source>a character of the upper line is borrowed at place %1</source>
        <translation>第%1字借用了上联的字</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="287"/>
        <source>repeated characters do not mirror the upper line&apos;s at place %1</source>
        <translation>第%1字处叠字、重字与上联不对应</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="288"/>
        <source>the tones are not opposed (平仄) at place %1</source>
        <translation>第%1字平仄不相对</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="289"/>
        <source>the word classes do not face each other at place %1</source>
        <translation>第%1字词性不相对</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="293"/>
        <source>the lower line ends oblique (仄); the closing rule wants it level (平)</source>
        <translation>下联以仄声收尾；仄起平收要求下联收平声</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="295"/>
        <source>the upper line ends level (平); the closing rule wants the upper line to end oblique (仄) and the lower line level (平)</source>
        <translation>上联以平声收尾；仄起平收要求上联收仄、下联收平</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="298"/>
        <source>The form is broken:</source>
        <translation>格式不合：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="300"/>
        <source>The form holds: length, punctuation, tones, repeats and word classes answer the upper line. Whether the line means something is for a reader to judge.</source>
        <translation>格式相合：字数、标点、平仄、叠字和词性都与上联相对。意思好不好，要由读者来判断。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="303"/>
        <source>The form holds, with faults:</source>
        <translation>格式大体相合，但有毛病：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="304"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="304"/>
        <source>.</source>
        <translation>。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="306"/>
        <source>Word classes unsure at place %1 (jieba&apos;s tagger reads classical lines poorly).</source>
        <translation>第%1字的词性不确定（jieba 的词性标注读古典诗句不太准）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_check.py" line="311"/>
        <source>The model scores your line %1 (mean log-probability per character); its own lines %2 to %3: yours ranks %4 of %5.</source>
        <translation>模型给你的下联打 %1 分（每字平均对数概率）；它自己的下联得 %2 到 %3 分：你的排第 %4（共 %5 条）。</translation>
    </message>
</context>
<context>
    <name>CoupletEmbedPanel</name>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="75"/>
        <source>Pair from characters</source>
        <translation>嵌字对联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="78"/>
        <source>Two characters, e.g. 明华</source>
        <translation>两个字，如 明华</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="82"/>
        <source>&amp;Characters:</source>
        <translation>嵌入的字(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="85"/>
        <source>Where the first character stands in the upper line</source>
        <translation>第一个字在上联中的位置</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="86"/>
        <source>Where the second character stands in the lower line</source>
        <translation>第二个字在下联中的位置</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="90"/>
        <source>&amp;Places (upper, lower):</source>
        <translation>位置（上联、下联）(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="94"/>
        <source>%1 characters</source>
        <translation>%1 字</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="97"/>
        <source>&amp;Line length:</source>
        <translation>每联字数(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="102"/>
        <source>P&amp;airs:</source>
        <translation>副数(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="104"/>
        <source>Write pairs</source>
        <translation>写对联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="106"/>
        <source>Regenerate</source>
        <translation>换一批</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="107"/>
        <source>Write pairs with other upper lines</source>
        <translation>用别的上联重写</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="109"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="111"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="139"/>
        <source>Pairs (上联&#x3000;下联), best first</source>
        <translation>对联（上联&#x3000;下联），最好的在前</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="172"/>
        <source>藏头: the characters head both lines.</source>
        <translation>藏头：两个字分别在上下联之首。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="173"/>
        <source>嵌字: the first character stands at place %1 of the upper line, the second at place %2 of the lower line.</source>
        <translation>嵌字：第一个字在上联第 %1 字，第二个字在下联第 %2 字。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="208"/>
        <location filename="../../widgets/couplet_embed.py" line="237"/>
        <source>Writing pairs…</source>
        <translation>正在写对联…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="217"/>
        <source>Writing pairs with other upper lines…</source>
        <translation>正在用别的上联重写…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="253"/>
        <source>the tone rule (仄起平收) is not kept</source>
        <translation>未守仄起平收</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="255"/>
        <source>the model&apos;s upper line</source>
        <translation>上联为模型所写</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="257"/>
        <source>a character reads otherwise</source>
        <translation>嵌字读音不同</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/couplet_embed.py" line="259"/>
        <source>check: %n fault(s)</source>
        <translation>
            <numerusform>检查：%n 处问题</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="261"/>
        <source>check: no fault</source>
        <translation>检查：无问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/couplet_embed.py" line="266"/>
        <source>%n pair(s); the card shows the selected one.</source>
        <translation>
            <numerusform>%n 副对联；卡片显示选中的那副。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="268"/>
        <source>No new pair was found. Try Regenerate, other places or another length.</source>
        <translation>没有找到新的对联。请试试“换一批”、别的位置或别的字数。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="276"/>
        <source>Could not write: %1</source>
        <translation>无法写出：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="280"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="286"/>
        <source>Only Chinese characters can be embedded, not: %1</source>
        <translation>只能嵌入汉字，不能嵌入：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="289"/>
        <source>Type two characters first, one for each line (a name or a wish, e.g. 明华).</source>
        <translation>请先输入两个字，上下联各一个（名字或祝愿，如 明华）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="290"/>
        <source>Type two characters, one for each line (these are %1).</source>
        <translation>请输入两个字，上下联各一个（这是 %1 个）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="292"/>
        <source>Type two different characters: a couplet&apos;s lines do not share one.</source>
        <translation>请输入两个不同的字：上下联不共用一个字。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="294"/>
        <source>The model does not know: %1. Try another character.</source>
        <translation>模型不认识：%1。请换一个字。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="295"/>
        <source>The places must be from 1 to %1.</source>
        <translation>位置须在 1 到 %1 之间。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="305"/>
        <source>Upper line from %1 (集句: a classical line, answered by the model)</source>
        <translation>上联集自 %1（集句：取古人诗句，下联由模型对出）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="306"/>
        <source>Both lines written by the model</source>
        <translation>上下联都由模型写成</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_embed.py" line="314"/>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>CoupletTab</name>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="223"/>
        <source>Pair from characters (藏头/嵌字)</source>
        <translation>嵌字写对联（藏头/嵌字）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="96"/>
        <source>Couplets</source>
        <translation>对联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="112"/>
        <source>Type or paste an upper line, e.g. 春回大地千山秀</source>
        <translation>输入或粘贴上联，例如：春回大地千山秀</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="119"/>
        <source>Characters in the upper line, and the most it may have: %1, the longest lines the model learned from</source>
        <translation>上联的字数，以及最多可用的字数：%1，即模型学过的最长的联句</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="123"/>
        <source>Write</source>
        <translation>对下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="126"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="163"/>
        <source>Pick</source>
        <translation>选用</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="164"/>
        <source>Keep this pair in the history</source>
        <translation>把这副对联存入历史</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="166"/>
        <source>Regenerate</source>
        <translation>换一批</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="167"/>
        <source>Write different lower lines</source>
        <translation>写出不同的下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="169"/>
        <source>Horizontal scroll (横批)</source>
        <translation>横批</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="171"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="180"/>
        <source>Clear history</source>
        <translation>清空历史</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="185"/>
        <source>Upper line (上联)</source>
        <translation>上联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="191"/>
        <source>Lower lines (下联), best first</source>
        <translation>下联（最佳在前）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="195"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="202"/>
        <source>Save card as PNG…</source>
        <translation>将对联卡片存为 PNG…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="331"/>
        <source>This upper line ends on a level (平) tone; the classic rule wants it to end oblique (仄), so the lower line cannot keep the rule.</source>
        <translation>此上联以平声收尾；按传统规则上联应以仄声收尾，因此下联无法同时守住这条规则。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="336"/>
        <source>Writing lower lines…</source>
        <translation>正在对下联…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="347"/>
        <source>An upper line has at most %1 characters, the longest the model learned from (this one has %2).</source>
        <translation>上联最多 %1 个字，这是模型学过的最长联句（这一句有 %2 个字）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="370"/>
        <source>Writing different lower lines…</source>
        <translation>正在写不同的下联…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="90"/>
        <source>Couplet</source>
        <translation>对联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="135"/>
        <source>Classical (入声 oblique)</source>
        <translation>古音（入声为仄）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="136"/>
        <source>Modern Mandarin</source>
        <translation>普通话今音</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="138"/>
        <source>How the level (平 ○) and oblique (仄 ●) marks and the tone rule read characters. Classical: the entering tone (入声) of the Pingshui rhyme table is oblique, so 福, 白, 一, 月, 十 are ●, as couplet writers expect. Modern: Mandarin&apos;s tones 1 and 2 are level, 3 and 4 oblique.</source>
        <translation>平（○）仄（●）标记和平仄规则如何读字。古音：平水韵的入声字算仄声，所以福、白、一、月、十都是 ●，合乎对联作者的习惯。今音：普通话第一、二声为平，第三、四声为仄。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="144"/>
        <source>&amp;Tones:</source>
        <translation>平仄(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="221"/>
        <source>Write a lower line</source>
        <translation>写下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="222"/>
        <source>Check my lower line</source>
        <translation>检查我的下联</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="341"/>
        <source>Type an upper line first.</source>
        <translation>请先输入上联。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="343"/>
        <source>An upper line needs Chinese characters (it has none).</source>
        <translation>上联需要汉字（这一句一个也没有）。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="345"/>
        <source>Only Chinese characters and punctuation can be used, not: %1</source>
        <translation>只能用汉字和标点，不能用：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="389"/>
        <source>Answered clause by clause: %1</source>
        <translation>按分句对出：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="391"/>
        <source>(a break without punctuation is a guess: type a comma where the line breaks)</source>
        <translation>（没有标点处的分句是推测的：请在上联断开处打一个逗号）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="401"/>
        <source>score %1</source>
        <translation>得分 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="404"/>
        <source>a break&apos;s tones are not opposed (平仄)</source>
        <translation>分句处平仄未相对</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="406"/>
        <source>ends oblique (仄)</source>
        <translation>以仄声收尾</translation>
    </message>
    <message numerus="yes">
        <location filename="../../widgets/couplet_tab.py" line="414"/>
        <source>%n lower line(s); the card shows the selected one.</source>
        <translation>
            <numerusform>%n 条下联；卡片显示选中的那条。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="416"/>
        <source>No new lower line was found. Try Regenerate or another upper line.</source>
        <translation>没有找到新的下联。试试“换一批”或换一条上联。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="420"/>
        <source>Could not write: %1</source>
        <translation>无法对出下联：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="424"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="446"/>
        <source>Kept in the history.</source>
        <translation>已存入历史。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="453"/>
        <source>Finding a horizontal scroll…</source>
        <translation>正在拟横批…</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="458"/>
        <source>This pair has no four characters that make a horizontal scroll.</source>
        <translation>这副对联找不到合适的四字横批。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="462"/>
        <source>横批: %1   (also: %2)</source>
        <translation>横批：%1   （备选：%2）</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="473"/>
        <source>Upper line: %1</source>
        <translation>上联：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="473"/>
        <source>Lower line: %1</source>
        <translation>下联：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="475"/>
        <source>Horizontal scroll: %1</source>
        <translation>横批：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="482"/>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="489"/>
        <source>Save couplet card</source>
        <translation>保存对联卡片</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="490"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="494"/>
        <source>Could not save %1.</source>
        <translation>无法保存 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/couplet_tab.py" line="496"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>DocumentMessages</name>
    <message>
        <location filename="../../widgets/summarize_files.py" line="63"/>
        <source>%1 is not a document the summarizer reads: open a .txt, .md, .html, .docx or .pdf file.</source>
        <translation>%1 不是摘要能读取的文档：请打开 .txt、.md、.html、.docx 或 .pdf 文件。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="66"/>
        <source>%1 is too large (%2 MB; at most %3 MB).</source>
        <translation>%1 太大（%2 MB；最多 %3 MB）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="69"/>
        <source>%1 is not text in an encoding Chinese text comes in (UTF-8, GB18030/GBK, Big5, UTF-16).</source>
        <translation>%1 不是常见中文编码（UTF-8、GB18030/GBK、Big5、UTF-16）的文本。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="72"/>
        <source>%1 is protected by a password: remove the protection (or save an unprotected copy) and open it again.</source>
        <translation>%1 受密码保护：请先解除保护（或另存一份不加密的副本），再打开。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="75"/>
        <source>%1 has no text layer (a scanned document?): there is no text to summarize. Run text recognition (OCR) on it first, then open the result.</source>
        <translation>%1 没有文字层（可能是扫描件）：没有可摘要的文字。请先做文字识别（OCR），再打开识别结果。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="78"/>
        <source>%1 has no text.</source>
        <translation>%1 里没有文字。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_files.py" line="79"/>
        <source>%1 is damaged, or not really a %2 file: it cannot be read.</source>
        <translation>%1 已损坏，或并不是真正的 %2 文件，无法读取。</translation>
    </message>
</context>
<context>
    <name>EngineEvaluator</name>
    <message>
        <location filename="../../widgets/xiangqi_eval.py" line="58"/>
        <source>Evaluation</source>
        <translation>形势评估</translation>
    </message>
</context>
<context>
    <name>EvalCurve</name>
    <message>
        <location filename="../../widgets/xiangqi_eval.py" line="234"/>
        <source>Red</source>
        <translation>红</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_eval.py" line="234"/>
        <source>Black</source>
        <translation>黑</translation>
    </message>
</context>
<context>
    <name>FileMessages</name>
    <message>
        <location filename="../../widgets/messages.py" line="46"/>
        <source>%1 is neither UTF-8 nor GB18030 text.</source>
        <translation>%1 不是 UTF-8 或 GB18030 编码的文本。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="48"/>
        <source>%1 is too large (%2 MB; at most %3 MB).</source>
        <translation>%1 太大（%2 MB，最多 %3 MB）。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="50"/>
        <source>Cannot open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="53"/>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="59"/>
        <source>it does not exist.</source>
        <translation>文件不存在。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="61"/>
        <source>permission denied.</source>
        <translation>没有权限。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="63"/>
        <source>it is a folder.</source>
        <translation>这是一个文件夹。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="65"/>
        <source>the disk is full.</source>
        <translation>磁盘已满。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="67"/>
        <source>system error %1.</source>
        <translation>系统错误 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/messages.py" line="68"/>
        <source>an unexpected error (%1).</source>
        <translation>意外错误（%1）。</translation>
    </message>
</context>
<context>
    <name>GameRecords</name>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="32"/>
        <source>FEN copied.</source>
        <translation>已复制 FEN。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="38"/>
        <source>Moves copied.</source>
        <translation>已复制着法。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="42"/>
        <source>the clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="48"/>
        <source>Nothing to read in %1.</source>
        <translation>%1中没有可读取的内容。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="61"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="62"/>
        <source>Could not read %1: %2</source>
        <translation>无法读取%1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="67"/>
        <source>Loaded the first of %1 games from %2.</source>
        <translation>已从%2载入 %1 局中的第一局。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="70"/>
        <source>Loaded from %1.</source>
        <translation>已从%1载入。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="74"/>
        <source>PGN (*.pgn *.PGN);;Text (*.txt);;All files (*)</source>
        <translation>PGN 棋谱 (*.pgn *.PGN);;文本 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="79"/>
        <source>Open a game</source>
        <translation>打开棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="97"/>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="108"/>
        <source>Save the game</source>
        <translation>保存棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="118"/>
        <source>better: %1</source>
        <translation>更好：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_records.py" line="124"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
</context>
<context>
    <name>GameReviewer</name>
    <message>
        <location filename="../../widgets/xiangqi_review.py" line="26"/>
        <source>Game review</source>
        <translation>复盘</translation>
    </message>
</context>
<context>
    <name>HeadView</name>
    <message>
        <location filename="../../widgets/attention_plots.py" line="250"/>
        <source>query: click a token</source>
        <translation>查询：点选一个词元</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_plots.py" line="251"/>
        <source>keys it looks at</source>
        <translation>它看的键</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_plots.py" line="311"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>HeatmapView</name>
    <message>
        <location filename="../../widgets/attention_plots.py" line="92"/>
        <source>query: the token that looks</source>
        <translation>查询：正在看的词元</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_plots.py" line="93"/>
        <source>key: the token looked at</source>
        <translation>键：被看的词元</translation>
    </message>
    <message>
        <location filename="../../widgets/attention_plots.py" line="137"/>
        <source>weight</source>
        <translation>权重</translation>
    </message>
</context>
<context>
    <name>HintsAndEvaluation</name>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="31"/>
        <source>The bundled xiangqi GPT (resources/models/xiangqi-gpt) was not found, so there are no hints or evaluation: reinstall Wenqi, or add a folder holding it under Settings → Extra model folders.</source>
        <translation>找不到内置的象棋 GPT（resources/models/xiangqi-gpt），因此无法提示和评估：请重新安装文棋，或在“设置 → 其他模型文件夹”中添加包含它的文件夹。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="42"/>
        <source>The game is over: there is nothing to hint.</source>
        <translation>对局已结束，无需提示。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="52"/>
        <location filename="../../widgets/xiangqi_advice.py" line="71"/>
        <source>Asking the GPT for a hint…</source>
        <translation>正在向 GPT 请求提示…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="56"/>
        <source>No hint: %1</source>
        <translation>无法提示：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="61"/>
        <source>The GPT suggests %1.</source>
        <translation>GPT 建议：%1。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="130"/>
        <source>Searched %1 plies deep.</source>
        <translation>搜索深度 %1 步。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="134"/>
        <source>No evaluation: %1</source>
        <translation>无法评估：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="136"/>
        <source>Engine: evaluating…</source>
        <translation>引擎：评估中…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="162"/>
        <source>red mates in %1</source>
        <translation>红方 %1 步杀</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="162"/>
        <source>black mates in %1</source>
        <translation>黑方 %1 步杀</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="163"/>
        <source>Engine: %1</source>
        <translation>引擎：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="164"/>
        <source>Engine: %1 for red (red&apos;s expected score %2)</source>
        <translation>引擎：红方 %1（红方期望得分 %2）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="169"/>
        <source>Inaccuracy</source>
        <translation>欠佳</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="169"/>
        <source>Mistake</source>
        <translation>错着</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="169"/>
        <source>Blunder</source>
        <translation>败着</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="171"/>
        <source>Review: a good move.</source>
        <translation>复盘：好棋。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="172"/>
        <source>Review: %1 (%2), lost %3</source>
        <translation>复盘：%1（%2），损失 %3</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="174"/>
        <source>; better: %1</source>
        <translation>；更好：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_advice.py" line="180"/>
        <source>better</source>
        <translation>更好</translation>
    </message>
</context>
<context>
    <name>JobStatusBar</name>
    <message>
        <location filename="../../widgets/status_bar.py" line="28"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="29"/>
        <source>Cancel the running job (Esc)</source>
        <translation>取消正在运行的任务（Esc）</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="50"/>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="62"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="68"/>
        <source>Cancelling %1…</source>
        <translation>正在取消 %1…</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="78"/>
        <source>Writing</source>
        <translation>正在写</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="79"/>
        <source>Writing upper lines</source>
        <translation>正在写上联</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="80"/>
        <source>Writing lower lines</source>
        <translation>正在写下联</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="81"/>
        <source>Reading the position prior</source>
        <translation>正在读取位置先验</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="82"/>
        <source>Reading classical lines</source>
        <translation>正在读古诗句</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="83"/>
        <source>Choosing classical lines</source>
        <translation>正在选古诗句</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="84"/>
        <source>Ranking sentences</source>
        <translation>正在为句子排序</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="85"/>
        <source>Summarizing</source>
        <translation>正在摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="86"/>
        <source>Running the model</source>
        <translation>正在运行模型</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="87"/>
        <source>Collecting the maps</source>
        <translation>正在收集注意力图</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="88"/>
        <source>Writing a target to look at</source>
        <translation>正在写出要查看的目标</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="89"/>
        <source>Loading weights</source>
        <translation>正在加载权重</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="90"/>
        <source>Loading tokenizer</source>
        <translation>正在加载分词器</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="91"/>
        <source>Model ready</source>
        <translation>模型已就绪</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="92"/>
        <source>Model ready (cached)</source>
        <translation>模型已就绪（缓存）</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="97"/>
        <source>Reading %1</source>
        <translation>正在读取 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="98"/>
        <source>Moving to %1</source>
        <translation>正在移到 %1</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="99"/>
        <source>%1: layer %2</source>
        <translation>%1：第 %2 层</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="112"/>
        <source> (+%1 more)</source>
        <translation>（另有 %1 项）</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="146"/>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="148"/>
        <source>%1 done</source>
        <translation>%1 完成</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="148"/>
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/main_window.py" line="48"/>
        <source>Loading PyTorch…</source>
        <translation>正在加载 PyTorch…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="49"/>
        <source>PyTorch and transformers are loading; a job started now waits for them.</source>
        <translation>正在加载 PyTorch 和 transformers；现在开始的任务会等它们加载完。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="68"/>
        <source>This tab could not be loaded: %1
Details are in %2</source>
        <translation>此标签页无法加载：%1
详情见 %2</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="95"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="96"/>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="101"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="103"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="108"/>
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="109"/>
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="111"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="112"/>
        <source>&amp;About Wenqi</source>
        <translation>关于文棋(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="113"/>
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="130"/>
        <source>CPU · 1 thread</source>
        <translation>CPU · 1 个线程</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="131"/>
        <source>CPU · %1 threads</source>
        <translation>CPU · %1 个线程</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="144"/>
        <source>PyTorch could not be loaded</source>
        <translation>PyTorch 无法加载</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="184"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="184"/>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="187"/>
        <source>Small local models for xiangqi and Chinese text.</source>
        <translation>为象棋与中文文本打造的本地小模型。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="192"/>
        <source>About Wenqi</source>
        <translation>关于文棋</translation>
    </message>
</context>
<context>
    <name>MathMessages</name>
    <message>
        <location filename="../../widgets/math_messages.py" line="47"/>
        <source>Paste or type a word problem first.</source>
        <translation>请先粘贴或输入一道应用题。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="49"/>
        <source>The problem is too long (%1 characters; at most %2).</source>
        <translation>题目太长（%1 个字符；最多 %2 个）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="51"/>
        <source>The problem has no Chinese. The model reads word problems written in Chinese (simplified or traditional characters); an equation such as 2x+3=7 can be typed as is.</source>
        <translation>题目里没有中文。模型只读中文（简体或繁体）写的应用题；像 2x+3=7 这样的方程可以直接输入。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="53"/>
        <source>The problem has no numbers written with digits, so there is nothing to calculate.</source>
        <translation>题目中没有用数字写出的数，无从计算。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="58"/>
        <source>Rounded up (进一法): what is left over still needs one more.</source>
        <translation>进一法：剩下的部分还需要再加一个。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="60"/>
        <source>Rounded down (去尾法): a part that is not whole does not count.</source>
        <translation>去尾法：不满一个的部分不算。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="65"/>
        <source>Type your answer first: a number, a fraction, a percent or an equation.</source>
        <translation>请先输入你的答案：一个数、分数、百分数或算式。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="66"/>
        <source>Your answer is too long (at most %1 characters).</source>
        <translation>你的答案太长（最多 %1 个字符）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="71"/>
        <source>Variants are made from the model&apos;s equation for a word problem; this was an equation.</source>
        <translation>变式题是用模型为应用题列的算式做的；这道是算式，不是应用题。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="73"/>
        <source>No variant: the model is less than %1% sure of its answer, and a doubtful equation would make doubtful practice.</source>
        <translation>不出变式题：模型对答案的把握不到 %1%，用可疑的算式出题，练习也会可疑。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="76"/>
        <source>No variant: the model&apos;s equation uses none of the problem&apos;s numbers.</source>
        <translation>不出变式题：模型的算式没有用到题中的数。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="77"/>
        <source>No variant: no new numbers kept the answer plausible for this problem.</source>
        <translation>不出变式题：换了新的数，这道题的答案都不合理。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="83"/>
        <source>Division by zero: this cannot be calculated.</source>
        <translation>除数为零：无法计算。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="84"/>
        <source>A number or result is too large to calculate exactly.</source>
        <translation>数或结果太大，无法精确计算。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="85"/>
        <source>The equation is too long or nested too deeply.</source>
        <translation>算式太长，或括号嵌套太深。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="86"/>
        <source>Only equations that are linear in x can be solved (no x×x, no powers of x).</source>
        <translation>只能解一元一次方程（不能有 x×x，也不能有 x 的乘方）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="88"/>
        <source>This equation has no single solution: no number, or every number, solves it.</source>
        <translation>这个方程没有唯一解：没有数满足它，或者任何数都满足它。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="89"/>
        <source>The equation cannot be read: check its symbols and brackets.</source>
        <translation>无法读懂这个算式：请检查符号和括号。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="92"/>
        <location filename="../../widgets/math_messages.py" line="109"/>
        <source>Could not solve: %1</source>
        <translation>无法求解：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="97"/>
        <source>The model found no equation that gives a plausible answer to this problem. Rewording it, or checking its numbers, may help.</source>
        <translation>模型没有找到能给出合理答案的算式。换个说法，或检查题中的数，也许有帮助。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="100"/>
        <source>Word problems need the math model, which is not installed.</source>
        <translation>解应用题需要数学模型，但它尚未安装。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_messages.py" line="102"/>
        <source>The math model could not be loaded: %1</source>
        <translation>无法加载数学模型：%1</translation>
    </message>
</context>
<context>
    <name>MathTab</name>
    <message>
        <location filename="../../widgets/math_tab.py" line="86"/>
        <location filename="../../widgets/math_tab.py" line="93"/>
        <source>Math</source>
        <translation>数学</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="117"/>
        <source>Paste a math word problem, or type an equation such as 6000÷(1+3/5)</source>
        <translation>粘贴一道数学应用题，或输入算式，例如 6000÷(1+3/5)</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="120"/>
        <source>Solve</source>
        <translation>求解</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="124"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="127"/>
        <source>Examples to try…</source>
        <translation>试试例题…</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="165"/>
        <source>The model&apos;s probability of this answer: the probabilities of the checked equations that give it, added up, then calibrated so that answers shown with 70% are right about 70% of the time</source>
        <translation>模型给这个答案的概率：得出它的、通过检验的各个算式的概率之和，再经过校准，使显示 70% 的答案大约有 70% 是对的</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="167"/>
        <source>Next candidate</source>
        <translation>下一个候选</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="168"/>
        <source>Show the model&apos;s next equation that passes the check</source>
        <translation>显示模型下一个通过检验的算式</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="170"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="171"/>
        <source>Copy the problem, equation, steps and answer</source>
        <translation>复制题目、算式、步骤和答案</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="173"/>
        <source>Another like this</source>
        <translation>再来一道</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="176"/>
        <source>The same problem with new numbers, answered with the model&apos;s equation (Ctrl+Shift+A); offered only when the model is at least %1% sure of its answer</source>
        <translation>同一道题换上新的数，用模型的算式求答案（Ctrl+Shift+A）；只在模型对答案有至少 %1% 的把握时提供</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="179"/>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="181"/>
        <source>Show the variant&apos;s working and answer (%1)</source>
        <translation>显示变式题的解题步骤和答案（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="197"/>
        <source>Equation</source>
        <translation>算式</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="199"/>
        <source>Steps</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="234"/>
        <source>The math model is not installed yet (it belongs in %1, or in a model folder chosen in Settings), so word problems cannot be solved. Equations you type, such as 2x+3=7, are still evaluated exactly.</source>
        <translation>数学模型尚未安装（应放在 %1，或设置中选择的模型文件夹里），因此还不能解应用题。你输入的算式（例如 2x+3=7）仍会精确计算。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="255"/>
        <source>This answer is to the problem as it was before you edited it: solve again for the new one.</source>
        <translation>这个答案属于修改之前的题目：请对新题目重新求解。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="269"/>
        <location filename="../../widgets/math_tab.py" line="376"/>
        <source>Answer: %1</source>
        <translation>答案：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="273"/>
        <source>Evaluated exactly (no model needed).</source>
        <translation>已精确计算（无需模型）。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="275"/>
        <source>candidate %1 of %2</source>
        <translation>第 %1 / %2 个候选</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="277"/>
        <source>Model confidence: %1% (%2)</source>
        <translation>模型置信度：%1%（%2）</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="285"/>
        <source>This answer is a guess: at this confidence the model is wrong more often than right. Check it, or try the next candidate.</source>
        <translation>这个答案只是猜测：在这个置信度下，模型错的时候比对的时候多。请核对，或看看下一个候选。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="288"/>
        <source>The model is unsure of this answer: at this confidence it is wrong one time in three or more. Check it.</source>
        <translation>模型对这个答案没有把握：在这个置信度下，每三次至少错一次。请核对。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="290"/>
        <source>Likely right: at this confidence the model was right eight or nine times in ten on problems it had not seen.</source>
        <translation>很可能正确：在这个置信度下，模型对没见过的题目十次能答对八九次。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="306"/>
        <source>Solving…</source>
        <translation>正在求解…</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="337"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="368"/>
        <source>A variant: the problem above with new numbers, answered by the model&apos;s equation for the original (%1) with them, not solved anew. Try it yourself and check your answer.</source>
        <translation>这是一道变式题：上面的题换上了新的数，答案是把新的数代入模型为原题列的算式（%1）算出的，不是模型重新解的。先自己做一做，再检查你的答案。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="375"/>
        <source>Hidden until you check your answer or press Show the answer (%1).</source>
        <translation>答案已隐藏：先自己做一做，检查你的答案或按“显示答案”（%1）后显示。</translation>
    </message>
    <message>
        <location filename="../../widgets/math_tab.py" line="389"/>
        <source>Copied.</source>
        <translation>已复制。</translation>
    </message>
</context>
<context>
    <name>MoveListView</name>
    <message>
        <location filename="../../widgets/xiangqi_moves.py" line="21"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_moves.py" line="21"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
</context>
<context>
    <name>OpeningExplorer</name>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="77"/>
        <location filename="../../widgets/xiangqi_explorer.py" line="106"/>
        <source>Opening explorer</source>
        <translation>开局库</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="87"/>
        <source>Move</source>
        <translation>着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="87"/>
        <source>Games</source>
        <translation>局数</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="87"/>
        <source>Red · draw · black</source>
        <translation>红胜 · 和 · 黑胜</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="88"/>
        <source>GPT</source>
        <translation>GPT</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="89"/>
        <source>Moves masters played here (CCPD master games) and how those games ended; GPT: the bundled model&apos;s probability. Click a move to play it.</source>
        <translation>大师在此局面下走过的着法（CCPD 大师对局）及这些对局的结果；GPT：内置模型给出的概率。点击着法即可走这一步。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="110"/>
        <source>Show or hide what masters played in this position (O)</source>
        <translation>显示或隐藏大师在此局面的着法（O）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="138"/>
        <source>The opening index (resources/xiangqi-explorer) could not be read: reinstall Wenqi.</source>
        <translation>无法读取开局库（resources/xiangqi-explorer）：请重新安装文棋。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="143"/>
        <source>Masters&apos; moves here: %1 games</source>
        <translation>大师在此局面的着法：共 %1 局</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="144"/>
        <source>No master game reached this position (the index holds the first %2 plies of %1 games, positions reached in at least %3).</source>
        <translation>没有大师对局走到这个局面（开局库收录 %1 局对局的前 %2 步，只含至少 %3 局走到的局面）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_explorer.py" line="171"/>
        <source>%1 games: red wins %2, draw %3, black wins %4</source>
        <translation>%1 局：红胜 %2，和棋 %3，黑胜 %4</translation>
    </message>
</context>
<context>
    <name>PuzzleMode</name>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="55"/>
        <source>Puzzle</source>
        <translation>练习</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="81"/>
        <source>Your latest puzzles: ✓ solved, ✗ failed, with your rating after each</source>
        <translation>最近做过的题：✓ 解出，✗ 失败，以及每题之后的等级分</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="83"/>
        <location filename="../../widgets/xiangqi_puzzles.py" line="191"/>
        <source>Puzzles</source>
        <translation>练习</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="86"/>
        <source>Mate puzzles with a rating (P)</source>
        <translation>带等级分的杀法练习（P）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="91"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="91"/>
        <source>Show a winning move (the puzzle then counts as failed)</source>
        <translation>显示一步制胜的着法（本题随即记为失败）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="92"/>
        <source>Retry</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="92"/>
        <source>Start this puzzle again</source>
        <translation>从头再做这道题</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="93"/>
        <source>Next</source>
        <translation>下一题</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="93"/>
        <source>A new puzzle near your rating</source>
        <translation>换一道接近你等级分的新题</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="94"/>
        <source>Back to the game</source>
        <translation>返回对局</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="94"/>
        <source>Leave the puzzles</source>
        <translation>离开练习</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="192"/>
        <source>The puzzle set (resources/xiangqi-puzzles) could not be read: reinstall Wenqi.</source>
        <translation>无法读取题库（resources/xiangqi-puzzles）：请重新安装文棋。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="199"/>
        <source>Puzzle %1 · rated %2</source>
        <translation>题目 %1 · 难度 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="200"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="200"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="202"/>
        <source>%1 to move and win in one move.</source>
        <translation>%1先走，一步取胜。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="204"/>
        <source>%1 to move and win within %2 moves.</source>
        <translation>%1先走，%2 步之内取胜。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="248"/>
        <source>%1 is not it: it does not win within the moves left. The defence: %2. Retry (R) or take the next puzzle (N).</source>
        <translation>%1 不对：它不能在剩余步数内取胜。对方应着：%2。重做（R）或做下一题（N）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="252"/>
        <source>%1 is not it: it does not win within the moves left. Retry (R) or take the next puzzle (N).</source>
        <translation>%1 不对：它不能在剩余步数内取胜。重做（R）或做下一题（N）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="262"/>
        <source>%1 — solved with a hint, so it counts as failed. Next puzzle: N.</source>
        <translation>%1 — 借助提示解出，本题记为失败。下一题：N。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="264"/>
        <source>%1 — solved on a retry; your first try is what counted. Next puzzle: N.</source>
        <translation>%1 — 重做后解出；计分按第一次尝试。下一题：N。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="267"/>
        <source>%1 — solved! Next puzzle: N.</source>
        <translation>%1 — 解出来了！下一题：N。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="205"/>
        <source>Find the best move.</source>
        <translation>请找出最佳着法。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="235"/>
        <source>Checking…</source>
        <translation>检查中…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="256"/>
        <source>refutation</source>
        <translation>应着</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="270"/>
        <source>%1 — right. The defence: %2.</source>
        <translation>%1 — 正确。对方应着：%2。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="281"/>
        <source>The puzzle could not be checked: %1</source>
        <translation>无法检查这道题：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="301"/>
        <source>Looking for a winning move…</source>
        <translation>正在寻找制胜着法…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="308"/>
        <source>hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="309"/>
        <source>Hint: %1 (this puzzle counts as failed).</source>
        <translation>提示：%1（本题记为失败）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="333"/>
        <source>Your puzzle rating: %1</source>
        <translation>你的练习等级分：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="336"/>
        <source>streak %1, best %2</source>
        <translation>连胜 %1，最佳 %2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_puzzles.py" line="337"/>
        <source>%1 solved of %2</source>
        <translation>%2 题中解出 %1 题</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <location filename="../../app/i18n.py" line="39"/>
        <source>Folder</source>
        <comment>All other platforms</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="40"/>
        <source>File Folder</source>
        <comment>Match Windows Explorer</comment>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="41"/>
        <source>Shortcut</source>
        <comment>All other platforms</comment>
        <translation>快捷方式</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="42"/>
        <source>Alias</source>
        <comment>OS X Finder</comment>
        <translation>替身</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="43"/>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="44"/>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../app/i18n.py" line="31"/>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <location filename="../../app/i18n.py" line="31"/>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="26"/>
        <source>There is no move to review yet.</source>
        <translation>还没有可复盘的着法。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="41"/>
        <source>The review stopped: %1</source>
        <translation>复盘中止：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="50"/>
        <source>%1: %2 ?!, %3 ?, %4 ??</source>
        <translation>%1：%2 个 ?!，%3 个 ?，%4 个 ??</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="51"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="51"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="52"/>
        <source>Review done.</source>
        <translation>复盘完成。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="53"/>
        <source>Review stopped after %1 of %2 moves.</source>
        <translation>复盘在第 %1 / %2 着后停止。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="54"/>
        <location filename="../../widgets/xiangqi_review_actions.py" line="57"/>
        <source>%1 %2</source>
        <comment>one sentence, then the next</comment>
        <translation>%1%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="58"/>
        <source>(Each position was searched for a set time, so another review may mark a few moves differently.)</source>
        <translation>（每个局面按固定时间搜索，再复盘一次时，个别着法的标记可能不同。）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="66"/>
        <source>Review the game first (R): there is nothing to annotate yet.</source>
        <translation>请先复盘（R）：还没有可注释的内容。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review_actions.py" line="69"/>
        <source>Export the annotated game</source>
        <translation>导出带注释的棋局</translation>
    </message>
</context>
<context>
    <name>ReviewProgress</name>
    <message>
        <location filename="../../widgets/xiangqi_review.py" line="116"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review.py" line="117"/>
        <source>Stop the review; the moves reviewed so far keep their marks</source>
        <translation>停止复盘；已复盘的着法保留标记</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_review.py" line="130"/>
        <source>Reviewing: position %1 of %2</source>
        <translation>复盘中：第 %1 / %2 个局面</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="32"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="37"/>
        <source>Automatic (GPU if present)</source>
        <translation>自动（有 GPU 时用 GPU）</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="42"/>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51"/>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51"/>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="58"/>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="60"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="67"/>
        <source>Allow downloading models named by a hub id</source>
        <translation>允许按 Hub 名称下载模型</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="71"/>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="72"/>
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="73"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="74"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="75"/>
        <source>Extra model folders</source>
        <translation>其他模型文件夹</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="78"/>
        <source>A new language takes effect when Wenqi restarts.</source>
        <translation>新的语言将在重新启动文棋后生效。</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="98"/>
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
</context>
<context>
    <name>SetupActions</name>
    <message>
        <location filename="../../widgets/xiangqi_setup_actions.py" line="36"/>
        <source>Setting up a position</source>
        <translation>正在摆棋</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="40"/>
        <source>Pick a piece, then click points on the board. Drag pieces to move them; right-click or drag off the board to remove one.</source>
        <translation>选一个棋子，再点棋盘上的交叉点放置。拖动棋子可移动它；右键单击或拖出棋盘可移除。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="58"/>
        <source>Eraser: click a piece to remove it</source>
        <translation>橡皮：点击棋子将其移除</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="65"/>
        <source>To move:</source>
        <translation>走棋方：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="66"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="67"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="76"/>
        <source>Empty board</source>
        <translation>清空棋盘</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="78"/>
        <source>Initial position</source>
        <translation>初始局面</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="91"/>
        <source>Play from here</source>
        <translation>从此局面开始</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="94"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>SummarizeTab</name>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="73"/>
        <location filename="../../widgets/summarize_tab.py" line="83"/>
        <location filename="../../widgets/summarize_tab.py" line="121"/>
        <source>Summarize</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="102"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="108"/>
        <source>Short</source>
        <translation>短</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="108"/>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="108"/>
        <source>Long</source>
        <translation>长</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="111"/>
        <source>With the model: short is a one-line headline; medium and long add the key sentences (about a fifth and a third of the text).</source>
        <translation>使用模型时：短摘要是一行标题；中、长摘要在标题后加上关键句（约为原文的五分之一和三分之一）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="114"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="114"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="115"/>
        <source>Extractive</source>
        <translation>抽取式</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="118"/>
        <source>Model: the trained model writes a headline from the text&apos;s opening, in the text&apos;s own words, then adds key sentences. Extractive picks whole key sentences. Automatic uses the model when one is installed.</source>
        <translation>模型：训练好的模型用原文的字词从开头写出一行标题，再加上关键句。抽取式挑出完整的关键句。自动模式在装有模型时使用模型。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="123"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="130"/>
        <source>Length:</source>
        <translation>长度：</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="132"/>
        <source>Mode:</source>
        <translation>方式：</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="319"/>
        <source>Not current: summarize again to update it.</source>
        <translation>已过时：请重新摘要。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="327"/>
        <source>Documents (%1)</source>
        <translation>文档 (%1)</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="327"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="340"/>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="363"/>
        <source>Reading %1: page %2 of %3…</source>
        <translation>正在读取 %1：第 %2 页，共 %3 页…</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="368"/>
        <source>Opened the first %1 of %2 pages of %3: the summarizer takes at most %4 characters.</source>
        <translation>已打开 %3 的前 %1 页（共 %2 页）：摘要最多处理 %4 个字符。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="372"/>
        <source>Opened %1 (%2 pages).</source>
        <translation>已打开 %1（%2 页）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="146"/>
        <source>Text</source>
        <translation>原文</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="157"/>
        <source>The summary appears here.</source>
        <translation>摘要将显示在这里。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="158"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="103"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="74"/>
        <location filename="../../widgets/summarize_tab.py" line="328"/>
        <source>Open document</source>
        <translation>打开文档</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="105"/>
        <source>Open a document: .txt, .md, .html, .docx or .pdf (%1; you can also drop one on the text)</source>
        <translation>打开文档：.txt、.md、.html、.docx 或 .pdf（%1；也可以把文件拖到文本框里）</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="141"/>
        <source>Paste Chinese text here, or open or drop a document (.txt, .md, .html, .docx, .pdf).</source>
        <translation>在这里粘贴中文文本，或打开、拖入文档（.txt、.md、.html、.docx、.pdf）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="170"/>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="244"/>
        <source>Summarization model: %1 (installed).</source>
        <translation>摘要模型：%1（已安装）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="269"/>
        <source>%1 characters</source>
        <translation>%1 字</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="271"/>
        <source>over the limit of %1 characters</source>
        <translation>超过 %1 字的上限</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="247"/>
        <source>No summarization model is installed: summaries are extractive (key sentences).</source>
        <translation>未安装摘要模型：摘要为抽取式（关键句）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="280"/>
        <source>extractive</source>
        <translation>抽取式</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="280"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="282"/>
        <source>%1 of %2 characters (%3%) · %4</source>
        <translation>%1 / %2 字（%3%）· %4</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="374"/>
        <source>Opened %1.</source>
        <translation>已打开 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="383"/>
        <source>Opening cancelled.</source>
        <translation>已取消打开。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="389"/>
        <source>Summary copied.</source>
        <translation>已复制摘要。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="394"/>
        <source>Save summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="395"/>
        <source>Text (*.txt);;All files (*)</source>
        <translation>文本 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="405"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="422"/>
        <source>Summarizing…</source>
        <translation>正在生成摘要…</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="437"/>
        <source>The text is empty: paste or open some Chinese text to summarize.</source>
        <translation>文本为空：请粘贴或打开一段要摘要的中文。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="439"/>
        <source>The text has %1 characters; the summarizer takes at most %2. Summarize it in parts.</source>
        <translation>文本有 %1 个字符，摘要最多接受 %2 个字符。请分段摘要。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="441"/>
        <source>The text is not Chinese: the summarizer works on Chinese prose (at least a fifth of the characters must be Chinese).</source>
        <translation>这不是中文文本：摘要只处理中文（至少五分之一的字符须是汉字）。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="487"/>
        <source>The model could not be used for this text, so this summary is extractive (key sentences). Hover here for why.</source>
        <translation>这段文字无法使用模型，所以这是抽取式摘要（关键句）。将鼠标移到这里可查看原因。</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="494"/>
        <source>Could not summarize: %1</source>
        <translation>无法生成摘要：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/summarize_tab.py" line="499"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../widgets/welcome.py" line="29"/>
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="33"/>
        <source>No task tabs are installed yet.</source>
        <translation>尚未安装任何任务标签页。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="34"/>
        <source>No models found. Bundled models arrive with each task.</source>
        <translation>未找到模型。内置模型随各项任务一同提供。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="35"/>
        <source> (bundled)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="36"/>
        <source>Play xiangqi against a GPT, write couplets, solve math word problems, summarize Chinese text, and look inside the models — all on this computer, with no network.</source>
        <translation>与 GPT 下象棋、对对联、解小学数学应用题、为中文文本写摘要，还能看看模型在“注意”什么——全部在本机运行，无需联网。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="38"/>
        <source>Ctrl+1…9 switch tabs · Ctrl+, settings · Esc cancels the running job · F11 full screen · Ctrl+Q quit</source>
        <translation>Ctrl+1…9 切换标签页 · Ctrl+, 设置 · Esc 取消当前任务 · F11 全屏 · Ctrl+Q 退出</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="45"/>
        <source>Tabs</source>
        <translation>标签页</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="46"/>
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="47"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="48"/>
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>XiangqiMessages</name>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="35"/>
        <source>The FEN is empty.</source>
        <translation>FEN 是空的。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="36"/>
        <source>A FEN needs 10 ranks separated by &apos;/&apos;; this one has %1.</source>
        <translation>FEN 需要用“/”分隔的 10 行，这一个有 %1 行。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="39"/>
        <source>&apos;%1&apos; in rank %2 is not a piece letter (KABNRCP for red, kabnrcp for black, or a digit 1-9).</source>
        <translation>第 %2 行的“%1”不是棋子字母（红方 KABNRCP，黑方 kabnrcp，或数字 1–9）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="41"/>
        <source>Rank %1 covers %2 files, not 9.</source>
        <translation>第 %1 行占了 %2 路，而不是 9 路。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="42"/>
        <source>The side to move &apos;%1&apos; is neither w (red) nor b (black).</source>
        <translation>走子方“%1”既不是 w（红方）也不是 b（黑方）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="44"/>
        <source>The move counters &apos;%1&apos; are not numbers.</source>
        <translation>回合计数“%1”不是数字。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="46"/>
        <source>%1 has %2 generals; exactly 1 is needed.</source>
        <translation>%1有 %2 个将帅，必须正好 1 个。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="48"/>
        <source>There are %2 of the %1; at most %3.</source>
        <translation>%1有 %2 个，最多 %3 个。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="51"/>
        <source>The generals face each other on file %1 (flying generals).</source>
        <translation>将帅在 %1 路照面（对脸将）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="52"/>
        <source>%1 is in check, but it is %2&apos;s turn.</source>
        <translation>%1正被将军，却轮到%2走。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="54"/>
        <source>ply %1 (%2): %3</source>
        <translation>第 %1 着（%2）：%3</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="55"/>
        <source>Fairy-Stockfish was not found: install it, or choose an engine&apos;s file.</source>
        <translation>找不到 Fairy-Stockfish：请安装它，或选择引擎文件。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="57"/>
        <source>%1 could not be started: it is not a program this computer can run.</source>
        <translation>无法启动 %1：它不是这台电脑能运行的程序。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="59"/>
        <source>%1 stopped (it quit or crashed): it is not a UCI xiangqi engine, or it failed.</source>
        <translation>%1 停止了（退出或崩溃）：它不是 UCI 象棋引擎，或者出了故障。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="61"/>
        <source>%1 did not answer in time: it is not a UCI xiangqi engine, or it hangs.</source>
        <translation>%1 没有及时应答：它不是 UCI 象棋引擎，或者卡住了。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="69"/>
        <source>Checkmate</source>
        <translation>将死</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="70"/>
        <source>No legal move</source>
        <translation>困毙</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="71"/>
        <source>Perpetual check loses</source>
        <translation>长将判负</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="72"/>
        <source>Draw by repetition</source>
        <translation>重复和棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="73"/>
        <source>120 plies without a capture</source>
        <translation>自然限着</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="74"/>
        <source>Move limit reached</source>
        <translation>限着和棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="75"/>
        <source>Lost on time</source>
        <translation>超时判负</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="80"/>
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="80"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="85"/>
        <source>red general</source>
        <translation>红帅</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="85"/>
        <source>black general</source>
        <translation>黑将</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="86"/>
        <source>red advisor</source>
        <translation>红仕</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="86"/>
        <source>black advisor</source>
        <translation>黑士</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="87"/>
        <source>red elephant</source>
        <translation>红相</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="87"/>
        <source>black elephant</source>
        <translation>黑象</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="88"/>
        <source>red horse</source>
        <translation>红马</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="88"/>
        <source>black horse</source>
        <translation>黑马</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="89"/>
        <source>red chariot</source>
        <translation>红车</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="89"/>
        <source>black chariot</source>
        <translation>黑车</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="90"/>
        <source>red cannon</source>
        <translation>红炮</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="90"/>
        <source>black cannon</source>
        <translation>黑炮</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="91"/>
        <source>red soldier</source>
        <translation>红兵</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="91"/>
        <source>black soldier</source>
        <translation>黑卒</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="97"/>
        <source>The %1 on %2 is outside the palace.</source>
        <translation>%2 的%1出了九宫。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="98"/>
        <source>The %1 on %2 is not on an advisor point of the palace.</source>
        <translation>%2 的%1不在九宫的士位上。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="99"/>
        <source>The %1 on %2 is not on an elephant point of its own side.</source>
        <translation>%2 的%1不在本方的象位上。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="100"/>
        <source>The %1 on %2 cannot be there: soldiers never move back, nor sideways before the river.</source>
        <translation>%2 的%1不可能在那里：兵卒不能后退，过河前也不能横走。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="106"/>
        <source>not legal in this position</source>
        <translation>在这个局面下不合法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="108"/>
        <source>fits several legal moves; name the piece by its position</source>
        <translation>对应多个合法着法，请用前、后等标明是哪个棋子</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_messages.py" line="109"/>
        <source>not a move in Chinese, WXF or ICCS notation</source>
        <translation>不是中文、WXF 或 ICCS 记法的着法</translation>
    </message>
</context>
<context>
    <name>XiangqiOpponents</name>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="36"/>
        <source>%1 level %2</source>
        <translation>%1 第 %2 级</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="17"/>
        <source>%1 (unrated)</source>
        <translation>%1（未定级）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="18"/>
        <source>%1 (Elo ~%2)</source>
        <translation>%1（约 %2 分）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="27"/>
        <source>Engine, strongest</source>
        <translation>引擎，最强</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="28"/>
        <source>Engine, 4 plies</source>
        <translation>引擎，4 层</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="29"/>
        <source>Engine, 2 plies</source>
        <translation>引擎，2 层</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="30"/>
        <source>GPT alone, strongest</source>
        <translation>GPT 单独 · 最强</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="31"/>
        <source>GPT, strong</source>
        <translation>GPT · 强</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="32"/>
        <source>GPT, medium</source>
        <translation>GPT · 中等</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="33"/>
        <source>GPT, easy</source>
        <translation>GPT · 简单</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="24"/>
        <source>Human (both sides here)</source>
        <translation>人（双方都在本机）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="25"/>
        <source>Random mover</source>
        <translation>随机走子</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="26"/>
        <source>Greedy capturer</source>
        <translation>贪吃（一步吃子）</translation>
    </message>
</context>
<context>
    <name>XiangqiTab</name>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="82"/>
        <source>Xiangqi</source>
        <translation>象棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="67"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="198"/>
        <source>Viewing move %1 of %2 (End returns)</source>
        <translation>正在查看第 %1 / %2 步（按 End 返回）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="203"/>
        <source>%1 is thinking…</source>
        <translation>%1 正在思考…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="204"/>
        <source>Red to move</source>
        <translation>红方走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="204"/>
        <source>Black to move</source>
        <translation>黑方走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="205"/>
        <source> · check!</source>
        <translation> · 将军！</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="213"/>
        <source>Draw</source>
        <translation>和棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="214"/>
        <source>Red wins</source>
        <translation>红胜</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="214"/>
        <source>Black wins</source>
        <translation>黑胜</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="222"/>
        <source>Review the game (R)</source>
        <translation>复盘这局棋（R）</translation>
    </message>
</context>
<context>
    <name>XiangqiTabLayout</name>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="51"/>
        <source>Ratings are relative, on the Elo scale with Fairy-Stockfish level 2 at 1500, from matches against Fairy-Stockfish, the engine at 1 s a move</source>
        <translation>等级分为相对值（Elo 标度，以 Fairy-Stockfish 第 2 级为 1500 分），由与 Fairy-Stockfish 的对局测得，引擎每步 1 秒</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="55"/>
        <source>Red (moves first)</source>
        <translation>红方（先走）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="56"/>
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="60"/>
        <source>Opponent:</source>
        <translation>对手：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="61"/>
        <source>You play:</source>
        <translation>你执：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="64"/>
        <source>How long the engine levels think about each move</source>
        <translation>引擎各级别每步思考的时间</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="66"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="69"/>
        <source>Time a move:</source>
        <translation>每步用时：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="70"/>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="211"/>
        <source>New game</source>
        <translation>新局</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="72"/>
        <source>Set up position…</source>
        <translation>摆棋…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="93"/>
        <source>Moves</source>
        <translation>着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="95"/>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="109"/>
        <source>Start position (Home)</source>
        <translation>开局局面（Home）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="110"/>
        <source>Previous move (←)</source>
        <translation>上一步（←）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="111"/>
        <source>Next move (→)</source>
        <translation>下一步（→）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="112"/>
        <source>Current position (End)</source>
        <translation>当前局面（End）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="126"/>
        <source>The engine&apos;s expected score for red after each move (up: red is better; dots: the review&apos;s ?! ? ??). Click to view that move.</source>
        <translation>引擎估计的每着之后红方期望得分（越高红方越好；圆点：复盘标记 ?! ? ??）。点击可查看该着。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="212"/>
        <source>Undo</source>
        <translation>悔棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="213"/>
        <source>Take back a move (against the computer, its reply too)</source>
        <translation>悔一步棋（对电脑时连同它的应着）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="214"/>
        <source>Redo</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="217"/>
        <source>Flip board</source>
        <translation>翻转棋盘</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="219"/>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="220"/>
        <source>Show the GPT&apos;s three likeliest moves here as arrows</source>
        <translation>用箭头标出 GPT 认为最可能的三步棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="222"/>
        <source>Evaluation</source>
        <translation>形势评估</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="223"/>
        <source>Show or hide the engine&apos;s view of who is winning</source>
        <translation>显示或隐藏引擎对形势的判断</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="228"/>
        <source>Review game</source>
        <translation>复盘</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="229"/>
        <source>The engine checks every move of the game: ?! inaccuracy, ? mistake, ?? blunder, and the better move</source>
        <translation>引擎逐着检查全局：?! 欠佳、? 错着、?? 败着，并给出更好的着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="235"/>
        <source>Open PGN…</source>
        <translation>打开 PGN…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="236"/>
        <source>Save PGN…</source>
        <translation>保存 PGN…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="237"/>
        <source>Export annotated PGN…</source>
        <translation>导出带注释的 PGN…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="238"/>
        <source>Save the game with the review&apos;s evaluations, marks and better moves</source>
        <translation>保存棋局，附复盘的评估、标记和更好的着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="240"/>
        <source>Copy FEN</source>
        <translation>复制 FEN</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="241"/>
        <source>Copy moves</source>
        <translation>复制着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="242"/>
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="243"/>
        <source>Paste a FEN, a move list or a PGN game</source>
        <translation>粘贴 FEN、着法列表或 PGN 棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="244"/>
        <source>Previous move</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="245"/>
        <source>Next move</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="246"/>
        <source>Start position</source>
        <translation>开局局面</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab_layout.py" line="247"/>
        <source>Current position</source>
        <translation>当前局面</translation>
    </message>
</context>
</TS>
