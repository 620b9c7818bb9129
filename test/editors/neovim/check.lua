-- Driven by test/editors/neovim.test.ts: Neovim (0.7 and later) as an LSP client of `ai-lens server --stdio`.
-- Reads a plan (JSON, path in AI_LENS_PLAN): the server command, the workspace, files to open and one quick fix per
-- file. Writes what Neovim saw (JSON, AI_LENS_RESULT): diagnostics through vim.diagnostic, code action titles,
-- and the diagnostics after the quick fix. Always quits, also on errors (they are written to the result).

local function read_json(path)
  local file = assert(io.open(path, 'r'))
  local text = file:read('*a')
  file:close()
  return vim.fn.json_decode(text)
end

local plan = read_json(os.getenv('AI_LENS_PLAN'))
local result = { files = {}, errors = {} }

-- The diagnostics as the server sent them, to hand back in the code action request's context.
local lsp_diagnostics = {}
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  lsp_diagnostics[params.uri] = params.diagnostics
  return publish(err, params, ctx, config)
end

local function seen(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, {
      line = d.lnum + 1,
      code = d.code or lsp.code,
      source = d.source,
      severity = d.severity,
      message = d.message,
      href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
    })
  end
  return list
end

local function has(bufnr, line, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.lnum + 1 == line and (d.code or ((d.user_data or {}).lsp or {}).code) == code then return true end
  end
  return false
end

local function check_file(client_id, file)
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.workspace .. '/' .. file.path))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local uri = vim.uri_from_bufnr(bufnr)
  local entry = { path = file.path, filetype = vim.bo[bufnr].filetype }
  result.files[file.path] = entry

  entry.arrived = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  entry.diagnostics = seen(bufnr)

  local target
  for _, d in ipairs(lsp_diagnostics[uri] or {}) do
    if d.range.start.line + 1 == file.fix.line and d.code == file.fix.code then target = d end
  end
  if not target then
    table.insert(result.errors, file.path .. ': no diagnostic ' .. file.fix.code .. ' on line ' .. file.fix.line)
    return
  end
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = target.range,
    context = { diagnostics = { target } },
  }, 10000) or {}
  entry.actions = {}
  local fix
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      table.insert(entry.actions, action.title)
      if not fix and action.edit and vim.startswith(action.title, file.fix.title) then fix = action end
    end
  end
  if not fix then return end

  vim.lsp.util.apply_workspace_edit(fix.edit, 'utf-16')
  entry.fixed_line = vim.api.nvim_buf_get_lines(bufnr, file.fix.line - 1, file.fix.line, false)[1]
  entry.fix_cleared = vim.wait(30000, function() return not has(bufnr, file.fix.line, file.fix.code) end, 50)
  entry.after_fix = seen(bufnr)
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = 'ai-lens',
    cmd = plan.cmd,
    root_dir = plan.workspace,
    workspace_folders = { { uri = vim.uri_from_fname(plan.workspace), name = 'examples' } },
    init_options = { debounceMs = 0 },
  })
  assert(client_id, 'the language server did not start')
  for _, file in ipairs(plan.files) do check_file(client_id, file) end
  local client = vim.lsp.get_client_by_id(client_id)
  result.server = client and client.server_capabilities and { codeActionProvider = client.server_capabilities.codeActionProvider ~= nil } or vim.NIL
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.client_is_stopped(client_id) end, 50)
end)
if not ok then table.insert(result.errors, tostring(err)) end

local out = assert(io.open(os.getenv('AI_LENS_RESULT'), 'w'))
out:write(vim.fn.json_encode(result))
out:close()
vim.cmd('qa!')
