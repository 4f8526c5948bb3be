"""Imports what the tests run, once, so Python writes its bytecode while the environment is built.

The packages are installed with --no-compile: compiling all of torch takes longer than installing it,
and the tests use a small part of it. Importing that part here compiles just it.
"""

import torch  # noqa: F401
import transformers.cli.serve  # noqa: F401
import transformers.cli.serving.chat_completion  # noqa: F401
import transformers.cli.serving.completion  # noqa: F401
import transformers.cli.serving.response  # noqa: F401
import transformers.cli.serving.server  # noqa: F401
import transformers.cli.serving.transcription  # noqa: F401
import transformers.cli.transformers  # noqa: F401
from tokenizers import Tokenizer  # noqa: F401
from transformers import AutoConfig, AutoProcessor, LlamaForCausalLM, PreTrainedTokenizerFast  # noqa: F401
