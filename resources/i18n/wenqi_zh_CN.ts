<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>JobStatusBar</name>
    <message>
        <location filename="../../widgets/status_bar.py" line="21" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="22" />
        <source>Cancel the running job (Esc)</source>
        <translation>取消正在运行的任务（Esc）</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="42" />
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="46" />
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="52" />
        <source>Cancelling %1…</source>
        <translation>正在取消 %1…</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="61" />
        <source> (+%1 more)</source>
        <translation>（另有 %1 项）</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="93" />
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="95" />
        <source>%1 done</source>
        <translation>%1 完成</translation>
    </message>
    <message>
        <location filename="../../widgets/status_bar.py" line="95" />
        <source>%1 cancelled</source>
        <translation>%1 已取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/main_window.py" line="28" />
        <source>Wenqi 文棋</source>
        <translation>文棋 Wenqi</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="61" />
        <source>This tab could not be loaded: %1
Details are in %2</source>
        <translation>此标签页无法加载：%1
详情见 %2</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="80" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="81" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="86" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="88" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="93" />
        <source>&amp;Full screen</source>
        <translation>全屏(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="94" />
        <source>Cancel the running job</source>
        <translation>取消正在运行的任务</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="97" />
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="98" />
        <source>&amp;About Wenqi</source>
        <translation>关于文棋(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="99" />
        <source>Open the &amp;log folder</source>
        <translation>打开日志文件夹(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="125" />
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="125" />
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="128" />
        <source>Small local models for xiangqi and Chinese text.</source>
        <translation>为象棋与中文文本打造的本地小模型。</translation>
    </message>
    <message>
        <location filename="../../app/main_window.py" line="133" />
        <source>About Wenqi</source>
        <translation>关于文棋</translation>
    </message>
</context>
<context>
    <name>MoveListView</name>
    <message>
        <location filename="../../widgets/xiangqi_moves.py" line="18" />
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_moves.py" line="18" />
        <source>Black</source>
        <translation>黑方</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="32" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="37" />
        <source>Automatic (GPU if present)</source>
        <translation>自动（有 GPU 时用 GPU）</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="42" />
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51" />
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51" />
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="51" />
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="58" />
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="60" />
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="67" />
        <source>Allow downloading models named by a hub id</source>
        <translation>允许按 Hub 名称下载模型</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="71" />
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="72" />
        <source>CPU threads</source>
        <translation>CPU 线程数</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="73" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="74" />
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="75" />
        <source>Extra model folders</source>
        <translation>其他模型文件夹</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="78" />
        <source>A new language takes effect when Wenqi restarts.</source>
        <translation>新的语言将在重新启动文棋后生效。</translation>
    </message>
    <message>
        <location filename="../../widgets/settings_dialog.py" line="98" />
        <source>Choose a model folder</source>
        <translation>选择模型文件夹</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="38" />
        <source>Pick a piece, then click points on the board. Drag pieces to move them; right-click or drag off the board to remove one.</source>
        <translation>选一个棋子，再点棋盘上的交叉点放置。拖动棋子可移动它；右键单击或拖出棋盘可移除。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="56" />
        <source>Eraser: click a piece to remove it</source>
        <translation>橡皮：点击棋子将其移除</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="63" />
        <source>To move:</source>
        <translation>走棋方：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="64" />
        <source>Red</source>
        <translation>红方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="65" />
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="74" />
        <source>Empty board</source>
        <translation>清空棋盘</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="76" />
        <source>Initial position</source>
        <translation>初始局面</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="89" />
        <source>Play from here</source>
        <translation>从此局面开始</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_setup.py" line="92" />
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../widgets/welcome.py" line="29" />
        <source>Home</source>
        <translation>首页</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="33" />
        <source>No task tabs are installed yet.</source>
        <translation>尚未安装任何任务标签页。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="34" />
        <source>No models found. Bundled models arrive with each task.</source>
        <translation>未找到模型。内置模型随各项任务一同提供。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="35" />
        <source> (bundled)</source>
        <translation>（内置）</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="36" />
        <source>Play xiangqi against a GPT, write couplets, solve math word problems, summarize Chinese text, and look inside the models — all on this computer, with no network.</source>
        <translation>与 GPT 下象棋、对对联、解小学数学应用题、为中文文本写摘要，还能看看模型在“注意”什么——全部在本机运行，无需联网。</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="38" />
        <source>Ctrl+1…9 switch tabs · Ctrl+, settings · Esc cancels the running job · F11 full screen · Ctrl+Q quit</source>
        <translation>Ctrl+1…9 切换标签页 · Ctrl+, 设置 · Esc 取消当前任务 · F11 全屏 · Ctrl+Q 退出</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="45" />
        <source>Tabs</source>
        <translation>标签页</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="46" />
        <source>Compute device</source>
        <translation>计算设备</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="47" />
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../widgets/welcome.py" line="48" />
        <source>Shortcuts</source>
        <translation>快捷键</translation>
    </message>
</context>
<context>
    <name>XiangqiOpponents</name>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="34" />
        <source>%1 level %2</source>
        <translation>%1 第 %2 级</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="43" />
        <source>Human (both sides here)</source>
        <translation>人（双方都在本机）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="44" />
        <source>Random mover</source>
        <translation>随机走子</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_opponents.py" line="45" />
        <source>Greedy capturer</source>
        <translation>贪吃（一步吃子）</translation>
    </message>
</context>
<context>
    <name>XiangqiTab</name>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="82" />
        <source>Xiangqi</source>
        <translation>象棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="93" />
        <source>Red (moves first)</source>
        <translation>红方（先走）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="94" />
        <source>Black</source>
        <translation>黑方</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="98" />
        <source>Opponent:</source>
        <translation>对手：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="99" />
        <source>You play:</source>
        <translation>你执：</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="100" />
        <location filename="../../widgets/xiangqi_tab.py" line="209" />
        <source>New game</source>
        <translation>新局</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="102" />
        <source>Set up position…</source>
        <translation>摆棋…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="123" />
        <source>Moves</source>
        <translation>着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="125" />
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="139" />
        <source>Start position (Home)</source>
        <translation>开局局面（Home）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="140" />
        <source>Previous move (←)</source>
        <translation>上一步（←）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="141" />
        <source>Next move (→)</source>
        <translation>下一步（→）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="142" />
        <source>Current position (End)</source>
        <translation>当前局面（End）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="210" />
        <source>Undo</source>
        <translation>悔棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="211" />
        <source>Take back a move (against the computer, its reply too)</source>
        <translation>悔一步棋（对电脑时连同它的应着）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="212" />
        <source>Redo</source>
        <translation>还原</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="215" />
        <source>Flip board</source>
        <translation>翻转棋盘</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="217" />
        <source>Open PGN…</source>
        <translation>打开 PGN…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="218" />
        <source>Save PGN…</source>
        <translation>保存 PGN…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="220" />
        <source>Copy FEN</source>
        <translation>复制 FEN</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="221" />
        <source>Copy moves</source>
        <translation>复制着法</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="222" />
        <source>Paste</source>
        <translation>粘贴</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="223" />
        <source>Paste a FEN, a move list or a PGN game</source>
        <translation>粘贴 FEN、着法列表或 PGN 棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="224" />
        <source>Previous move</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="225" />
        <source>Next move</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="226" />
        <source>Start position</source>
        <translation>开局局面</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="227" />
        <source>Current position</source>
        <translation>当前局面</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="236" />
        <source>Choose a UCI engine…</source>
        <translation>选择 UCI 引擎…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="261" />
        <source>Choose a UCI xiangqi engine</source>
        <translation>选择一个 UCI 象棋引擎</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="357" />
        <source>Viewing move %1 of %2 (End returns)</source>
        <translation>正在查看第 %1 / %2 步（按 End 返回）</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="362" />
        <source>%1 is thinking…</source>
        <translation>%1 正在思考…</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="363" />
        <source>Red to move</source>
        <translation>红方走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="363" />
        <source>Black to move</source>
        <translation>黑方走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="364" />
        <source> · check!</source>
        <translation> · 将军！</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="368" />
        <source>Draw</source>
        <translation>和棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="369" />
        <source>Red wins</source>
        <translation>红胜</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="369" />
        <source>Black wins</source>
        <translation>黑胜</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="400" />
        <source>Move by %1</source>
        <translation>%1 走棋</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="428" />
        <source>%1 could not move: %2</source>
        <translation>%1 无法走棋：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="430" />
        <source>%1 answered an illegal move (%2).</source>
        <translation>%1 给出了不合法的着法（%2）。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="432" />
        <source>%1 stopped thinking.</source>
        <translation>%1 停止了思考。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="433" />
        <source>Let it move</source>
        <translation>让它走</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="533" />
        <source>FEN copied.</source>
        <translation>已复制 FEN。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="539" />
        <source>Moves copied.</source>
        <translation>已复制着法。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="543" />
        <source>the clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="549" />
        <source>Nothing to read in %1.</source>
        <translation>%1 中没有可读取的内容。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="561" />
        <source>Could not read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="566" />
        <source>Loaded the first of %1 games from %2.</source>
        <translation>已从 %2 载入 %1 局中的第一局。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="569" />
        <source>Loaded from %1.</source>
        <translation>已从 %1 载入。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="575" />
        <source>Open a game</source>
        <translation>打开棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="584" />
        <source>Could not open %1: %2</source>
        <translation>无法打开 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="594" />
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="603" />
        <source>Save the game</source>
        <translation>保存棋谱</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="612" />
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="615" />
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../widgets/xiangqi_tab.py" line="638" />
        <source>Setting up a position</source>
        <translation>正在摆棋</translation>
    </message>
</context>
</TS>