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
</TS>