namespace EdgeRouter.Host.Cli;

/// <summary>The text of --help.</summary>
public static class UsageText
{
    public static string Build() => $"""
        edgerouter {AppVersion.Current} - local LLM server for small boards (OpenAI- and Ollama-compatible API)

        Usage:
          edgerouter [serve] [options]          serve the HTTP API (the default command)
          edgerouter check [--probe] [--json] [options]
                                                check config, credentials, model and native library
                                                without serving (--probe: call each upstream once)
          edgerouter model generate [options]   write a deterministic random-weight GGUF model
          edgerouter model validate PATH        check a GGUF file and print a summary
          edgerouter status [--url URL] [--json] [--config PATH]
                                                print the running service's tiers, gate, thermal state
                                                and recent transitions (default URL: the configured listen address)
          edgerouter key new [--name NAME]      print a new API key and its config entry (auth.apiKeys)
          edgerouter --help | --version

        Serve options (flags beat EDGEROUTER_* variables, which beat the config file):
          --config PATH          JSON config file; default: config.json next to the binary,
                                 else /etc/edgerouter/config.json             [EDGEROUTER_CONFIG]
          --listen HOST:PORT     address to listen on (default 127.0.0.1:11434)
                                 HOST: IP address, [IPv6], localhost or *      [EDGEROUTER_LISTEN]
          --model PATH           GGUF model to serve; without one a small demo
                                 model with random weights is generated        [EDGEROUTER_MODEL]
          --model-name NAME      model name the API reports (default: file name) [EDGEROUTER_MODEL_NAME]
          --ctx N                context length in tokens (default: the largest
                                 that fits in memory, up to model.maxContextLength) [EDGEROUTER_CTX]
          --threads N            compute threads (default: physical cores)    [EDGEROUTER_THREADS]
          --batch N              prompt tokens per batch (default 512)        [EDGEROUTER_BATCH]
          --llama-lib PATH       use this libllama.so instead of the bundled one [EDGEROUTER_LLAMA_LIB]
          --llama-lib-dir DIR    directory with libllama and libggml*.so       [EDGEROUTER_LLAMA_LIB_DIR]
          --embedding-model PATH GGUF embedding model (BERT family, nomic-embed, ...)
                                 for /v1/embeddings and /api/embed; without one the
                                 chat model embeds with its pooling   [EDGEROUTER_EMBEDDING_MODEL]
          --embedding-model-name NAME  name the API reports for it (default: file name)
                                                               [EDGEROUTER_EMBEDDING_MODEL_NAME]
          --queue-length N       requests that may wait for the model (default 2) [EDGEROUTER_QUEUE_LENGTH]
          --max-wait SECONDS     longest wait in that queue before a 503 (default 10) [EDGEROUTER_MAX_WAIT]
          --state-dir DIR        where cooldowns, open circuits and route pins survive a
                                 restart; $STATE_DIRECTORY wins under systemd  [EDGEROUTER_STATE_DIR]
          --SECTION.KEY VALUE    any config file key, e.g. --model.kvCacheType q8_0
                                                           [EDGEROUTER_SECTION__KEY, e.g. EDGEROUTER_MODEL__KVCACHETYPE]

        Model generate options:
          --shape tiny|qwen2.5-0.5b|llama-3.2-1b|bert-tiny|minilm
                                                   architecture and size (default tiny; bert-tiny
                                                   and minilm are embedding models)
          --type f32|f16|q8_0                      weight type (default q8_0)
          --seed N                                 random seed (default 42)
          --out PATH                               file to write (default models/SHAPE-TYPE-seedN.gguf)
          --chat-template FILE                     Jinja chat template to embed (default: plain ChatML,
                                                   which does not read tools)

        Endpoints: /v1/chat/completions, /v1/completions, /v1/embeddings, /v1/models, /api/chat,
        /api/generate, /api/embed, /api/embeddings, /api/tags, /api/show, /api/ps, /api/version, /healthz, /readyz, /status, /ui (status page),
        /admin/... (loopback + admin token)

        Exit codes: 0 ok, 1 runtime error (e.g. port in use), 2 usage or configuration error.
        check: 0 ok, 1 errors (serve would refuse to start), 2 warnings only, 64 usage error.

        """;
}
