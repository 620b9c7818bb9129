;;; check.el --- Driven by test/editors/emacs.test.ts: Emacs with eglot as an LSP client of `ai-lens server --stdio'.
;; Loads the configuration in AI_LENS_CONFIG (the README's snippet), opens AI_LENS_FILE, waits until the findings are
;; in and the workspace configuration has turned one rule into errors, lists the code actions on line AI_LENS_LINE,
;; and writes what it saw as JSON to AI_LENS_RESULT. Always quits; errors are written to the result.
(require 'eglot)
(require 'json)
(require 'python)
(require 'seq)

(defun ai-lens-check--wait (predicate seconds)
  "Lets the server talk until PREDICATE holds or SECONDS pass; returns PREDICATE's value."
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.2))
    (funcall predicate)))

(defun ai-lens-check--diagnostic (d)
  (list :line (line-number-at-pos (flymake-diagnostic-beg d))
        :type (symbol-name (flymake-diagnostic-type d))
        :text (flymake-diagnostic-text d)))

(let ((result (list :errors [])))
  (condition-case err
      (progn
        (load (getenv "AI_LENS_CONFIG") nil t)
        (find-file (getenv "AI_LENS_FILE"))
        (python-mode)
        ;; `eglot-ensure' waits for the command loop, which batch mode does not run.
        (apply #'eglot (eglot--guess-contact))
        (ai-lens-check--wait
         (lambda () (seq-some (lambda (d) (eq (flymake-diagnostic-type d) 'eglot-error)) (flymake-diagnostics)))
         60)
        (setq result (plist-put result :diagnostics (vconcat (mapcar #'ai-lens-check--diagnostic (flymake-diagnostics)))))
        (goto-char (point-min))
        (forward-line (1- (string-to-number (getenv "AI_LENS_LINE"))))
        (setq result (plist-put result :actions
                                (vconcat (mapcar (lambda (a) (plist-get a :title))
                                                 (eglot-code-actions (line-beginning-position) (line-end-position)))))))
    (error (setq result (plist-put result :errors (vector (format "%S" err))))))
  (with-temp-file (getenv "AI_LENS_RESULT") (insert (json-encode result)))
  (kill-emacs 0))
