// The fixture project stands for a repository of its own: report paths are relative to its git root.
new File(basedir, '.git').mkdirs()
return true
